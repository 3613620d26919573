namespace ChampionNetwork.CaseStudies.Editions;

public static class CaseStudyLimits
{
    public const int Title = 200;
    public const int Summary = 1000;
    public const int Body = 50_000;
    public const int Slug = 90;
    public const int ChangeNote = 1000;
    public const int QuotedPeople = 50;
    public const int PersonKey = 40;
    public const int Name = 200;
    public const int Role = 200;
    public const int OutcomeCodes = 27;
}
