using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.GoodPractice.Tests.Xss;

/// <summary>
/// Every payload of Xss/payloads.txt, sent as a practice's Markdown body, leaves no executable HTML in what is stored
/// (body_html in goodpracticedb), what is served (bodyHtml) or what the Atom feed carries. Judged by parsing each
/// output as a browser would (AngleSharp), never by searching the text.
/// </summary>
public sealed class XssTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private static readonly HashSet<string> ExecutableElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base", "form",
        "input", "button", "textarea", "select", "svg", "math", "template", "noscript", "isindex", "video", "audio", "source",
    };

    private static readonly string[] UrlAttributes = ["href", "src", "xlink:href", "action", "formaction", "background", "poster", "srcdoc", "data", "lowsrc", "dynsrc"];

    private GoodPracticeHost _host = null!;

    public static IReadOnlyList<string> Payloads { get; } = ReadPayloads();

    public async Task InitializeAsync() => _host = await GoodPracticeHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task No_payload_leaves_executable_html_stored_served_or_in_the_feed()
    {
        Assert.True(Payloads.Count >= 40, $"only {Payloads.Count} payloads");
        var editor = _host.Editor("S08000015");
        var problems = new List<string>();
        var ids = new Dictionary<Guid, string>();
        foreach (var payload in Payloads)
        {
            var response = await editor.PostAsJsonAsync(new Uri("/api/practices", UriKind.Relative), GoodPracticeHost.Practice("Payload", p => p["body"] = $"Before\n\n{payload}\n\nAfter"));
            var body = await GoodPracticeHost.ReadJsonAsync(response);
            Assert.True(response.IsSuccessStatusCode, $"{payload}: {(int)response.StatusCode} {body.ToJsonString()}");
            var id = body["id"]!.GetValue<Guid>();
            ids[id] = payload;

            var served = await GoodPracticeHost.ReadJsonAsync(await _host.Anonymous().GetAsync(new Uri($"/api/practices/{id}", UriKind.Relative)));
            problems.AddRange(Executable(served["bodyHtml"]!.GetValue<string>()).Select(p => $"served {payload}: {p}"));
            Assert.Equal($"Before\n\n{payload}\n\nAfter", served["bodyMarkdown"]!.GetValue<string>());
        }

        foreach (var row in await RowsAsync())
        {
            problems.AddRange(Executable(row.Html).Select(p => $"stored {ids[row.Id]}: {p}"));
        }

        var feed = XDocument.Parse(await _host.Anonymous().GetStringAsync(new Uri("/api/feeds/practices.atom", UriKind.Relative)));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var contents = feed.Descendants(atom + "entry").Where(e => e.Element(atom + "title")?.Value == "Payload").Select(e => e.Element(atom + "content")!.Value).ToList();
        Assert.Equal(Payloads.Count, contents.Count);
        foreach (var content in contents)
        {
            problems.AddRange(Executable(content).Select(p => $"feed: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Safe_markdown_still_renders_as_formatting_and_links()
    {
        var id = await _host.ShareAsync("S08000015", GoodPracticeHost.Practice("Formatting", p => p["body"] = "## Heading\n\n**bold** and [a link](https://example.org/page)\n\n- one\n- two"));
        var served = await GoodPracticeHost.ReadJsonAsync(await _host.Anonymous().GetAsync(new Uri($"/api/practices/{id}", UriKind.Relative)));
        var document = Parse(served["bodyHtml"]!.GetValue<string>());
        Assert.Equal("Heading", document.QuerySelector("h2")!.TextContent);
        Assert.Equal("bold", document.QuerySelector("strong")!.TextContent);
        Assert.Equal("https://example.org/page", document.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(2, document.QuerySelectorAll("li").Length);
    }

    /// <summary>What in this HTML a browser could run: dangerous elements, event handlers, styles, script URLs.</summary>
    private static IEnumerable<string> Executable(string html)
    {
        var document = Parse(html);
        foreach (var element in document.Body!.QuerySelectorAll("*").Concat(document.Head!.QuerySelectorAll("*")))
        {
            if (ExecutableElements.Contains(element.LocalName))
            {
                yield return $"<{element.LocalName}> element";
            }

            foreach (var attribute in element.Attributes)
            {
                var name = attribute.Name.ToLowerInvariant();
                if (name.StartsWith("on", StringComparison.Ordinal))
                {
                    yield return $"{name} handler on <{element.LocalName}>";
                }
                else if (name == "style")
                {
                    yield return $"style attribute on <{element.LocalName}>";
                }
                else if (UrlAttributes.Contains(name) && !SafeUrl(attribute.Value))
                {
                    yield return $"{name}=\"{attribute.Value}\" on <{element.LocalName}>";
                }
            }
        }
    }

    /// <summary>Relative, or http, https or mailto once the whitespace and control characters browsers ignore are gone.</summary>
    private static bool SafeUrl(string value)
    {
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true;
        }

        return compact[..colon] is "http" or "https" or "mailto";
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument($"<!DOCTYPE html><html><head></head><body>{html}</body></html>");

    private async Task<List<(Guid Id, string Html)>> RowsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_host.Database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id, body_html FROM practices WHERE title = 'Payload'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        Assert.Equal(Payloads.Count, rows.Count);
        return rows;
    }

    private static List<string> ReadPayloads()
    {
        using var stream = typeof(XssTests).Assembly.GetManifestResourceStream("xss-payloads.txt")!;
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
    }
}
