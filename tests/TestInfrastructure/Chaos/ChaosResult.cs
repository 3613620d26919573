using System.Globalization;
using System.Text;

namespace ChampionNetwork.TestInfrastructure.Chaos;

/// <summary>What a chaos run saw, and every way it fell short (empty when every check held).</summary>
public sealed record ChaosResult(
    IReadOnlyList<Submission> Submissions,
    IReadOnlyList<Recovery> Recoveries,
    long StoredInSurveysDb,
    long? CountedInFeed,
    TimeSpan Duration,
    IReadOnlyDictionary<string, int> FailedAttempts,
    IReadOnlyList<string> Problems)
{
    public int Accepted => Submissions.Count(s => s.Outcome == Outcome.Accepted);

    public int AlreadyStored => Submissions.Count(s => s.Outcome == Outcome.AlreadyStored);

    public int Errors => Submissions.Count(s => s.Outcome == Outcome.Errored);

    public int Retried => Submissions.Count(s => s.Retried);

    /// <summary>Every acknowledged submission stored once in surveysdb and counted once in the feed.</summary>
    public bool CountedExactlyOnce => Problems.Count == 0;

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Chaos: {Submissions.Count} submissions in {Duration.TotalSeconds:0.0} s: {Accepted} accepted (202), {AlreadyStored} already stored (409 on a retry), {Errors} errors, {Retried} retried");
        text.AppendLine(CultureInfo.InvariantCulture, $"surveysdb responses: {StoredInSurveysDb}; Scotland feed responses: {CountedInFeed?.ToString(CultureInfo.InvariantCulture) ?? "none"}; counted exactly once: {(CountedExactlyOnce ? "yes" : "no")}");
        text.AppendLine("Failed attempts (each retried): " + (FailedAttempts.Count == 0 ? "none" : string.Join(", ", FailedAttempts.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} ×{f.Value}"))));
        foreach (var r in Recoveries)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  kill -9 {r.Fault.Name} (pid {r.KilledPid}): healthy again after {r.Healthy.TotalSeconds:0.0} s, accepting submissions after {r.Accepting.TotalSeconds:0.0} s");
        }

        foreach (var problem in Problems)
        {
            text.AppendLine("  PROBLEM: " + problem);
        }

        foreach (var error in Submissions.Where(s => s.Outcome == Outcome.Errored).Take(5))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  error after {error.Attempts} attempts: {error.LastError}");
        }

        return text.ToString();
    }
}
