using System.Collections.Frozen;
using System.Reflection;

namespace ChampionNetwork.Surveys.Responses.Redaction;

/// <summary>
/// Word lists embedded in the assembly (Lists/*.txt, our own, one word a line): common Scottish and UK given names and
/// surnames that are not also ordinary English words; words that are never a name however they are capitalised
/// (days, months, pillars, titles, roles, NHS); and common English words.
/// </summary>
internal static class NameLists
{
    private static readonly FrozenSet<string> GivenNames = Load("given-names.txt");
    private static readonly FrozenSet<string> Surnames = Load("surnames.txt");
    private static readonly FrozenSet<string> NeverNames = Load("never-names.txt");
    private static readonly FrozenSet<string> CommonWords = Load("common-words.txt");

    public static bool IsKnownGivenName(string word) => GivenNames.Contains(word);

    public static bool IsKnownName(string word) => GivenNames.Contains(word) || Surnames.Contains(word);

    public static bool IsNeverAName(string word) => NeverNames.Contains(word);

    public static bool IsCommonWord(string word) => NeverNames.Contains(word) || CommonWords.Contains(word);

    /// <summary>McLeod, MacDonald, O'Neill, D’Souza: a Gaelic or Irish prefix before a capital.</summary>
    public static bool HasSurnamePrefix(string word) =>
        (word.Length > 3 && word.StartsWith("Mc", StringComparison.Ordinal) && char.IsUpper(word[2]))
        || (word.Length > 4 && word.StartsWith("Mac", StringComparison.Ordinal) && char.IsUpper(word[3]))
        || (word.Length > 3 && char.IsUpper(word[0]) && word[1] is '\'' or '’' && char.IsUpper(word[2]));

    private static FrozenSet<string> Load(string file)
    {
        var name = $"ChampionNetwork.Surveys.Redaction.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The redaction word list {name} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(word);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
