using AngleSharp.Html.Parser;
using Ganss.Xss;
using Markdig;

namespace ChampionNetwork.Markdown;

/// <summary>
/// Markdown to HTML with Markdig (raw HTML in the source is escaped, not passed through), then sanitised with
/// HtmlSanitizer: no scripts, event handlers, styles, forms or frames, and only http, https and mailto links.
/// Thread-safe: the sanitiser's configuration is fixed here and never changed.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>Marks the start and end of a matched word in search snippets; removed from every body's text.</summary>
    public const char HighlightStart = '\uE000';
    public const char HighlightEnd = '\uE001';

    private static readonly string[] RemovedTags = ["form", "input", "button", "textarea", "select", "option", "style", "iframe", "object", "embed"];
    private static readonly string[] RemovedAttributes = ["style", "id", "name"];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();
    private readonly HtmlParser _parser = new();

    public RenderedBody Render(string markdown)
    {
        var html = _sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, _pipeline));
        var text = _parser.ParseDocument($"<body>{html}</body>").Body?.TextContent ?? "";
        text = text.Replace(HighlightStart, ' ').Replace(HighlightEnd, ' ');
        return new RenderedBody(html, text);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        foreach (var tag in RemovedTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        foreach (var attribute in RemovedAttributes)
        {
            sanitizer.AllowedAttributes.Remove(attribute);
        }

        sanitizer.AllowDataAttributes = false;
        // Links leave the Network without handing the page to the site they open.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        sanitizer.AllowedAttributes.Add("rel");
        return sanitizer;
    }
}

public sealed record RenderedBody(string Html, string Text);
