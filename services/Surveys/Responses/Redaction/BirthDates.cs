using System.Text.RegularExpressions;

namespace ChampionNetwork.Surveys.Responses.Redaction;

/// <summary>
/// Dates of birth however written ("born 3/4/1985", "DOB 03.04.85", "date of birth 3rd April 1985", "born in 1985"),
/// any other full date (day, month and year), and ages ("aged 52", "a 52-year-old").
/// </summary>
internal static partial class BirthDates
{
    private const string Month = @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
    private const string CapitalisedMonth = @"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
    private const string Day = @"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?";
    private const string NumericDate = @"\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:\d{4}|\d{2})";

    public static string Redact(string text)
    {
        if (!RedactionPatterns.HasDigit(text))
        {
            return text;
        }

        var redacted = BirthDate().Replace(text, m => m.Groups["lead"].Value + RedactionPatterns.Marker);
        redacted = FullNumericDate().Replace(redacted, RedactionPatterns.Marker);
        redacted = FullWrittenDate().Replace(redacted, RedactionPatterns.Marker);
        return Age().Replace(redacted, m => m.Groups["lead"].Value + RedactionPatterns.Marker + m.Groups["tail"].Value);
    }

    [GeneratedRegex(
        @"(?<lead>\b(?i:born(?:\s+on)?(?:\s+the)?|birthday(?:\s+is)?(?:\s+on)?(?:\s+the)?|d\.?o\.?b\.?|date\s+of\s+birth(?:\s+is)?|birth\s?date)(?:\s+(?:is|was))?\s*[:\-=]?\s*)" +
        @"(?i:" + NumericDate + "|" + Day + @"(?:\s+of)?\s+" + Month + @"(?:,?\s+'?\d{2}(?:\d{2})?)?|" + Month + @"\s+" + Day + @"(?:,?\s+'?\d{2}(?:\d{2})?)?|(?:in\s+)?(?:19|20)\d{2}|\d{6}(?:\d{2})?)(?![\d/])",
        RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex BirthDate();

    [GeneratedRegex(@"(?<![\d/.\-])" + NumericDate + @"(?![\d/.\-]?\d)", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex FullNumericDate();

    [GeneratedRegex(@"\b" + Day + @"(?:\s+of)?\s+" + CapitalisedMonth + @",?\s+(?:19|20)\d{2}\b|\b" + CapitalisedMonth + @"\s+" + Day + @",?\s+(?:19|20)\d{2}\b", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex FullWrittenDate();

    [GeneratedRegex(@"(?<lead>\b(?i:aged?|age\s+is)\s+)\d{2,3}(?<tail>)\b|(?<lead>)\b\d{2,3}(?<tail>[\s\-](?i:years?|yrs?)[\s\-](?i:old)\b)", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex Age();
}
