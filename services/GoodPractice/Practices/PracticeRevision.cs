namespace ChampionNetwork.GoodPractice.Practices;

/// <summary>One version of a practice as it was saved: the history an edit keeps.</summary>
public sealed class PracticeRevision
{
    public Guid PracticeId { get; set; }

    public int Version { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public required string BodyMarkdown { get; set; }

    public List<string> Pillars { get; set; } = [];

    public List<string> OutcomeCodes { get; set; } = [];

    public List<string> Tags { get; set; } = [];

    public List<PracticeLink> Links { get; set; } = [];

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public bool IsPublic { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    /// <summary>The "sub" of whoever saved it.</summary>
    public required string SavedBy { get; set; }

    public static PracticeRevision Of(PracticeItem item, string savedBy) => new()
    {
        PracticeId = item.Id,
        Version = item.Version,
        Title = item.Title,
        Summary = item.Summary,
        BodyMarkdown = item.BodyMarkdown,
        Pillars = [.. item.Pillars],
        OutcomeCodes = [.. item.OutcomeCodes],
        Tags = [.. item.Tags],
        Links = [.. item.Links],
        ContactName = item.ContactName,
        ContactEmail = item.ContactEmail,
        IsPublic = item.IsPublic,
        SavedAt = item.UpdatedAt,
        SavedBy = savedBy,
    };
}
