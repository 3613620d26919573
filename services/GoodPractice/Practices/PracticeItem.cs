using NpgsqlTypes;

namespace ChampionNetwork.GoodPractice.Practices;

/// <summary>A practice an organisation shares: the Markdown source is stored, and the sanitised HTML rendered from it.</summary>
public sealed class PracticeItem
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public required string BodyMarkdown { get; set; }

    /// <summary>Rendered with Markdig and sanitised with HtmlSanitizer when saved; the only HTML ever served.</summary>
    public required string BodyHtml { get; set; }

    /// <summary>The text of the sanitised HTML, without markup: what search indexes and snippets quote.</summary>
    public required string BodyText { get; set; }

    public List<string> Pillars { get; set; } = [];

    public List<string> OutcomeCodes { get; set; } = [];

    /// <summary>Free tags, lower case.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>The tags joined by spaces, for the generated search columns (array_to_string is not immutable).</summary>
    public string TagsText { get; set; } = "";

    /// <summary>The current code of the sharing organisation.</summary>
    public required string OrganisationCode { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public List<PracticeLink> Links { get; set; } = [];

    /// <summary>Shown to anyone, signed in or not; otherwise only to signed-in members of the Network.</summary>
    public bool IsPublic { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>1 when created, one more for every edit; each version is kept in practice_revisions.</summary>
    public int Version { get; set; }

    public int AdoptionCount { get; set; }

    public int EndorsementCount { get; set; }

    /// <summary>Generated: title, summary and tags, for pg_trgm (typos and similar items).</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>Generated: title (A) above summary (B) above body and tags (C).</summary>
    public NpgsqlTsVector? SearchVector { get; private set; }
}

public sealed record PracticeLink(string Title, string Url);
