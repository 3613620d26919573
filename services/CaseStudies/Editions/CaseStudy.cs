namespace ChampionNetwork.CaseStudies.Editions;

/// <summary>A case study: its stable slug and owning organisation, and every edition it has had.</summary>
public sealed class CaseStudy
{
    public Guid Id { get; set; }

    /// <summary>Chosen from the first edition's title and never changed: links to the page keep working.</summary>
    public required string Slug { get; set; }

    public required string OrganisationCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>Where the page sends readers once the case study is unpublished.</summary>
    public string? RedirectTo { get; set; }

    public List<Edition> Editions { get; set; } = [];
}
