using System.Diagnostics;
using System.Globalization;
using ChampionNetwork.Surveys.Responses;
using Xunit.Abstractions;

namespace ChampionNetwork.Surveys.Tests.Redaction;

/// <summary>
/// A reader of stored free text tries to recover who wrote it, or who it is about, from 150+ realistic comments.
/// At least 90 % must lose every piece of personal data; a plain wellbeing comment must never be touched.
/// </summary>
public sealed class RedactionCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void At_least_90_percent_of_comments_with_personal_data_lose_every_piece_of_it()
    {
        var corpus = RedactionCorpus.Sensitive;
        Assert.True(corpus.Count >= 150, $"The corpus should hold at least 150 comments with personal data, but holds {corpus.Count}.");
        Assert.All(corpus, c => Assert.All(c.Secrets, s => Assert.Contains(s, c.Text, StringComparison.Ordinal)));

        var misses = new List<string>();
        foreach (var comment in corpus)
        {
            var redacted = FreeTextRedactor.Redact(comment.Text);
            var surviving = RedactionCorpus.Surviving(comment, redacted);
            if (surviving.Count > 0)
            {
                misses.Add($"[{comment.Category}] {redacted}  (kept: {string.Join(", ", surviving)})");
            }
        }

        var redactedShare = (double)(corpus.Count - misses.Count) / corpus.Count;
        output.WriteLine($"Fully redacted: {corpus.Count - misses.Count} of {corpus.Count} ({redactedShare:P1}).");
        foreach (var category in corpus.GroupBy(c => c.Category))
        {
            var missed = category.Count(c => RedactionCorpus.Surviving(c, FreeTextRedactor.Redact(c.Text)).Count > 0);
            output.WriteLine($"  {category.Key}: {category.Count() - missed} of {category.Count()}");
        }

        output.WriteLine($"Misses ({misses.Count}):");
        misses.ForEach(output.WriteLine);
        ReportSpeed();

        Assert.True(
            redactedShare >= 0.90,
            $"Only {redactedShare:P1} of {corpus.Count} comments were fully redacted; misses:{Environment.NewLine}{string.Join(Environment.NewLine, misses)}");
    }

    [Fact]
    public void Plain_wellbeing_comments_come_back_exactly_as_written()
    {
        var plain = RedactionCorpus.Plain;
        Assert.True(plain.Count >= 60, $"The corpus should hold at least 60 plain comments, but holds {plain.Count}.");

        var changed = plain
            .Select(text => (Text: text, Redacted: FreeTextRedactor.Redact(text)))
            .Where(pair => !string.Equals(pair.Text, pair.Redacted, StringComparison.Ordinal))
            .Select(pair => $"{pair.Text}  =>  {pair.Redacted}")
            .ToList();

        changed.ForEach(output.WriteLine);
        Assert.True(changed.Count == 0, $"{changed.Count} plain comment(s) were changed:{Environment.NewLine}{string.Join(Environment.NewLine, changed)}");
    }

    // A rough figure for the report, not an assertion: the redactor runs on every free-text answer.
    private void ReportSpeed()
    {
        var texts = RedactionCorpus.Sensitive.Select(c => c.Text).Concat(RedactionCorpus.Plain).ToList();
        texts.ForEach(t => FreeTextRedactor.Redact(t));
        const int rounds = 20;
        var stopwatch = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            texts.ForEach(t => FreeTextRedactor.Redact(t));
        }

        var perComment = stopwatch.Elapsed.TotalMicroseconds / (rounds * texts.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Speed: {perComment:F1} µs per comment over {rounds * texts.Count} comments."));

        var longest = string.Join(' ', Enumerable.Repeat("Staff on the ward said the new rota helps Morag rest at EH1 1YZ.", 40))[..2000];
        var hostile = new[] { longest, new string('a', 1999) + "@", string.Concat(Enumerable.Repeat("Dr ", 666)), string.Concat(Enumerable.Repeat("1 ", 1000)), string.Concat(Enumerable.Repeat("Aa ", 666)) };
        foreach (var text in hostile)
        {
            stopwatch.Restart();
            var result = FreeTextRedactor.Redact(text);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"2,000-character input starting '{text[..12]}': {stopwatch.Elapsed.TotalMilliseconds:F2} ms{(result == FreeTextRedactor.Marker ? " (timed out: withheld)" : "")}"));
        }
    }
}
