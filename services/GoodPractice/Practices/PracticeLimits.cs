namespace ChampionNetwork.GoodPractice.Practices;

/// <summary>The sizes a practice's fields may take; the request body as a whole is capped by ServiceDefaults (413).</summary>
public static class PracticeLimits
{
    public const int Title = 200;
    public const int Summary = 1_000;
    public const int Body = 50_000;
    public const int Tags = 20;
    public const int Tag = 40;
    public const int Links = 10;
    public const int LinkTitle = 200;
    public const int LinkUrl = 2_000;
    public const int ContactName = 200;
    public const int ContactEmail = 254;
    public const int Note = 2_000;
}
