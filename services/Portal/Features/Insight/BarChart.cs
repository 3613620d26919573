using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace ChampionNetwork.Portal.Features.Insight;

/// <summary>One bar: its label and its disclosed value (null with a qualifier when the figure is not published).</summary>
public sealed record Bar(string Label, double? Value, string? Qualifier);

/// <summary>
/// A horizontal bar chart as server-rendered SVG, drawn to <paramref name="Maximum"/>. A figure that is not published
/// is drawn as an empty outlined bar marked with its qualifier, never as zero. The SVG is decoration for sighted
/// readers (aria-hidden): the page puts the same figures in a table beside it.
/// </summary>
public sealed record BarChart(string Title, IReadOnlyList<Bar> Bars, double Maximum, string Unit)
{
    private const int LabelWidth = 220, BarWidth = 360, ValueWidth = 70, Row = 28, BarHeight = 18;

    public IHtmlContent ToSvg()
    {
        var height = Bars.Count * Row + 8;
        var width = LabelWidth + BarWidth + ValueWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"portal_chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-hidden=\"true\" focusable=\"false\">");
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var y = i * Row + 4;
            var label = WebUtility.HtmlEncode(bar.Label.Length > 30 ? bar.Label[..29] + "…" : bar.Label);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 14}\">{label}</text>");
            if (bar.Value is { } value)
            {
                var length = Maximum <= 0 ? 0 : Math.Clamp(value / Maximum, 0, 1) * BarWidth;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"portal_bar\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{length:0.#}\" height=\"{BarHeight}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6:0.#}\" y=\"{y + 14}\">{value.ToString("0.#", CultureInfo.InvariantCulture)}{WebUtility.HtmlEncode(Unit)}</text>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"portal_bar--suppressed\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{BarWidth}\" height=\"{BarHeight}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + 8}\" y=\"{y + 14}\">[{WebUtility.HtmlEncode(bar.Qualifier ?? "x")}]</text>");
            }
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
