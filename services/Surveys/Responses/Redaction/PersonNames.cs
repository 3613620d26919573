using System.Text.RegularExpressions;

namespace ChampionNetwork.Surveys.Responses.Redaction;

/// <summary>
/// People's names: after a title (Dr, Mrs, Sister, "dr patel"), after a role ("my line manager is called John",
/// "charge nurse Ahmed", "my colleague Priya"), after thanks ("thanks to Kwabena"), before speech ("then Oksana
/// said"), initials with a surname ("J. Smith"), and known given names and surnames anywhere.
/// </summary>
internal static partial class PersonNames
{
    private const string Token = @"[\p{L}\p{M}'’\-]+";

    private const string Role =
        @"(?:senior\s+)?charge\s+nurse|staff\s+nurse|ward\s+(?:manager|sister|clerk)|(?:line|unit|deputy|service|practice|care|home|area|team|general|operations|nurse|duty|locality|registered|site|bed)\s+manager|managers?|team\s+lead(?:er)?|clinical\s+lead|lead\s+nurse|(?:clinical\s+)?supervisor|colleagues?|co-?workers?|boss|mentor|matron|consultant|registrar|director|co-?ordinator|carer|support\s+worker|healthcare\s+(?:assistant|support\s+worker)|hca|nurse|midwife|doctor|gp|physio(?:therapist)?|pharmacist|porter|cleaner|domestic|receptionist|administrator|sister|brother|husband|wife|partner|son|daughter|mum|mam|dad|mother|father|friend|neighbour|client|patient|resident|service\s+user|student|trainee|deputy|chief\s+executive|ceo|union\s+rep|rep|hr(?:\s+(?:officer|adviser|advisor|partner))?|buddy|tutor|assessor|lead|head\s+of\s+\p{L}+";

    public static string Redact(string text)
    {
        var redacted = Titled().Replace(text, AfterTitle);
        redacted = AfterRole().Replace(redacted, AfterMarker);
        redacted = AfterThanks().Replace(redacted, AfterMarker);
        redacted = BeforeSpeech().Replace(redacted, m => NameLists.IsCommonWord(m.Value) ? m.Value : RedactionPatterns.Marker);
        redacted = Initialled().Replace(redacted, m => NameLists.IsCommonWord(m.Groups["surname"].Value) ? m.Value : RedactionPatterns.Marker);
        redacted = KnownName().Replace(redacted, Known);
        // A known given name's surname, and the given name before a known surname, go with it.
        redacted = FollowingSurname().Replace(redacted, m => NameLists.IsNeverAName(m.Groups["surname"].Value) ? m.Value : RedactionPatterns.Marker);
        return PrecedingGivenName().Replace(redacted, m => NameLists.IsCommonWord(m.Groups["given"].Value) ? m.Value : RedactionPatterns.Marker);
    }

    private static string AfterTitle(Match match)
    {
        var name = match.Groups["name"].Value;
        var title = match.Groups["title"].Value;
        var abbreviated = title.Length <= 4 && !title.Equals("miss", StringComparison.OrdinalIgnoreCase) && !title.StartsWith("ms", StringComparison.OrdinalIgnoreCase);
        var isName = char.IsUpper(name[0])
            ? !NameLists.IsNeverAName(name)
            : NameLists.IsKnownName(name) || (abbreviated && !NameLists.IsCommonWord(name));
        return isName ? match.Groups["lead"].Value + RedactionPatterns.Marker + Surname(match) : match.Value;
    }

    private static string AfterMarker(Match match)
    {
        var first = match.Groups["first"].Value;
        return LooksLikeName(first) ? match.Groups["lead"].Value + RedactionPatterns.Marker + Surname(match) : match.Value;
    }

    // The word after a name is its surname if it looks like one; otherwise it is kept as written.
    private static string Surname(Match match)
    {
        var second = match.Groups["second"];
        if (!second.Success)
        {
            return "";
        }

        return (char.IsUpper(second.Value[0]) && !NameLists.IsNeverAName(second.Value)) || NameLists.IsKnownName(second.Value)
            ? ""
            : match.Groups["gap"].Value + second.Value;
    }

    private static bool LooksLikeName(string word) => char.IsUpper(word[0])
        ? char.IsLower(word[^1]) && !NameLists.IsNeverAName(word) && !NameLists.IsCommonWord(word)
        : NameLists.IsKnownName(word);

    // Capitalised: any known given name or surname. Lower-case: only a known given name ("thanks to morag").
    private static string Known(Match match) =>
        (char.IsUpper(match.Value[0]) ? NameLists.IsKnownName(match.Value) || NameLists.HasSurnamePrefix(match.Value) : NameLists.IsKnownGivenName(match.Value))
            ? RedactionPatterns.Marker
            : match.Value;

    [GeneratedRegex(
        @"(?<lead>\b(?<title>(?i:dr|mr|mrs|ms|mx|prof|professor|sr|rev|cllr)|Doctor|Sister|Nurse|Matron|Miss|Sir|Dame|Lady|Lord|Father|Auntie|Uncle|Councillor)(?:\.\s*|\s+))(?<name>" + Token + @")(?:(?<gap>\s+)(?<second>" + Token + "))?",
        RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex Titled();

    [GeneratedRegex(
        @"(?<lead>\b(?i:" + Role + @")(?:\s*,\s*|\s+(?i:(?:is|was)(?:\s+(?:called|named))?|called|named|[-–])\s+|\s+))(?<first>" + Token + @")(?:(?<gap>\s+)(?<second>" + Token + "))?",
        RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex AfterRole();

    [GeneratedRegex(
        @"(?<lead>\b(?i:thanks?\s+(?:you\s+)?to|thank\s+you|thanks|cheers|shout[\s\-]?out\s+to|well\s+done|kudos\s+to|credit\s+to|grateful\s+to|praise\s+(?:for|to)|big\s+up|hats\s+off\s+to)\s*,?\s+)(?<first>" + Token + @")(?:(?<gap>\s+)(?<second>" + Token + "))?",
        RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex AfterThanks();

    [GeneratedRegex(
        RedactionPatterns.NameWord + @"(?=\s+(?i:said|says|told|tells|asked|asks|shouted|shouts|yelled|screamed|refused|refuses|ignores|ignored|bullies|bullied|blamed|blames|keeps|kept|always|never|covered|helped|helps)\b)",
        RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex BeforeSpeech();

    [GeneratedRegex(@"\b\p{Lu}\.\s?(?:\p{Lu}\.\s?)?(?<surname>" + RedactionPatterns.NameWord + ")", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex Initialled();

    [GeneratedRegex(@"\b(?:" + RedactionPatterns.NameWord + @"|\p{Ll}+)\b", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex KnownName();

    [GeneratedRegex(@"\[redacted\][ \t]+(?<surname>" + RedactionPatterns.NameWord + @")\b", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex FollowingSurname();

    [GeneratedRegex(@"\b(?<given>" + RedactionPatterns.NameWord + @")[ \t]+\[redacted\]", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex PrecedingGivenName();
}
