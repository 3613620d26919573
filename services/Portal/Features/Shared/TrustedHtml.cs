using Ganss.Xss;
using Microsoft.AspNetCore.Html;

namespace ChampionNetwork.Portal.Features.Shared;

/// <summary>
/// HTML an API says it sanitised (a practice body, a snippet with mark elements), sanitised again here before the
/// portal writes it into a page: one compromised or mistaken service must not be able to script the portal.
/// </summary>
public static class TrustedHtml
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static IHtmlContent From(string? html) => new HtmlString(Sanitizer.Sanitize(html ?? string.Empty));

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Add("mark");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("id");
        return sanitizer;
    }
}
