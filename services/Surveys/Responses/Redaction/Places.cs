using System.Buffers;
using System.Text.RegularExpressions;

namespace ChampionNetwork.Surveys.Responses.Redaction;

/// <summary>
/// Postcodes (full, and Scottish districts such as EH12), street addresses and flats, wards, bays and rooms, and
/// hospitals, health centres, care homes and other named sites.
/// </summary>
internal static partial class Places
{
    private const string Word = @"(?:\p{Lu}[\p{L}'’\-]*|St\.?)";
    private const string Site = @"(?:(?:University|General|Community|District|Royal|Children's|Memorial|Cottage)\s+)?(?:Hospital|Infirmary|Hospice|Clinic|Surgery|(?:Health|Medical|Day|Resource|Care|Community|Family|Treatment|Rehabilitation)\s+Centre|(?:Medical\s+|Group\s+)?Practice|(?:Care|Nursing|Residential)\s+Home|Lodge|Manor|House)";
    private const string StreetType = @"(?:Street|Road|Avenue|Lane|Drive|Crescent|Place|Terrace|Gardens|Court|Close|Way|Wynd|Brae|Row|Square|Grove|View|Loan|Loaning|Gate|Walk|Circus|Green|Mews|Vennel|Park|Parade|Quadrant|Rise|Boulevard|Bank|Neuk|Causeway|St|Rd|Ave|Ln|Dr|Cres|Pl|Gdns|Ct|Sq)";

    // The named-site and named-street passes run only when one of their words is present.
    private static readonly SearchValues<string> SiteWords = SearchValues.Create(
        ["Hospital", "Infirmary", "Hospice", "Clinic", "Surgery", "Centre", "Practice", "Home", "Lodge", "Manor", "House"], StringComparison.Ordinal);

    private static readonly SearchValues<string> StreetWords = SearchValues.Create(
        ["Street", "Road", "Avenue", "Lane", "Drive", "Crescent", "Terrace", "Gardens", "Wynd", "Brae", "Vennel", "Loan", "Walk", "Boulevard", "Quadrant", "Parade", "Mews", "Square", "Causeway"], StringComparison.Ordinal);

    public static string Redact(string text)
    {
        var redacted = text;
        if (RedactionPatterns.HasDigit(redacted))
        {
            redacted = Postcode().Replace(redacted, RedactionPatterns.Marker);
            redacted = PostcodeDistrict().Replace(redacted, RedactionPatterns.Marker);
            redacted = NumberedAddress().Replace(redacted, RedactionPatterns.Marker);
            redacted = Flat().Replace(redacted, RedactionPatterns.Marker);
            redacted = NumberedWard().Replace(redacted, m => m.Groups["lead"].Value + RedactionPatterns.Marker);
        }

        if (redacted.AsSpan().ContainsAny(StreetWords))
        {
            redacted = NamedStreet().Replace(redacted, KeepLeadingCommonWords);
        }

        if (redacted.Contains("Ward", StringComparison.Ordinal))
        {
            redacted = NamedWard().Replace(redacted, KeepLeadingCommonWords);
        }

        if (redacted.AsSpan().ContainsAny(SiteWords))
        {
            redacted = NamedSite().Replace(redacted, KeepLeadingCommonWords);
        }

        return KnownSite().Replace(redacted, RedactionPatterns.Marker);
    }

    // "The Royal Infirmary of Edinburgh" keeps "The"; "The Hospital" alone is no name and stays.
    private static string KeepLeadingCommonWords(Match match)
    {
        var name = match.Groups["name"];
        var words = name.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var kept = 0;
        while (kept < words.Length && NameLists.IsNeverAName(words[kept]))
        {
            kept++;
        }

        if (kept == words.Length && !match.Groups["of"].Success)
        {
            return match.Value;
        }

        var lead = kept == 0 ? "" : string.Join(' ', words[..kept]) + " ";
        return match.Value[..(name.Index - match.Index)] + lead + RedactionPatterns.Marker;
    }

    // Any UK postcode: outward code (A9, A99, A9A, AA9, AA99, AA9A), optional space, inward code (9AA).
    [GeneratedRegex(@"\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}\b", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex Postcode();

    // A Scottish postcode district on its own (EH12, G41, KY1); capitals only, so the M8 and the A9 stay.
    [GeneratedRegex(@"\b(?:AB|DD|DG|EH|FK|HS|IV|KA|KW|KY|ML|PA|PH|TD|ZE|G)\d{1,2}[A-Z]?\b", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex PostcodeDistrict();

    // "12 Main Street", "14a Leith Walk", "3/2 Dumbarton Rd".
    [GeneratedRegex(@"\b\d{1,4}[A-Za-z]?(?:/\d{1,2})?,?\s+(?:" + Word + @"\s+){1,3}" + StreetType + @"\b\.?", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex NumberedAddress();

    // Glasgow and Edinburgh flat positions: "flat 2/1", "flat 3F2".
    [GeneratedRegex(@"\b(?i:flat)\s+(?:\d{1,2}/\d{1,2}|\d{1,2}[A-Za-z]\d{0,2}|\d{1,3})\b", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex Flat();

    [GeneratedRegex(@"\b(?<name>(?:" + Word + @"\s+){1,3})(?:Street|Road|Avenue|Lane|Drive|Crescent|Terrace|Gardens|Wynd|Brae|Vennel|Loan|Loaning|Walk|Boulevard|Quadrant|Parade|Mews|Square|Causeway)\b", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex NamedStreet();

    // "Ward 7", "ward 3B", "Ward B2", "bay 4", "room 12"; not "the ward 2 nights a week".
    [GeneratedRegex(@"(?<lead>\b(?i:ward|bay|room|unit|wing|cubicle|side\s+room)\s+)(?:\d{1,3}[A-Za-z]?|[A-Z]\d{1,2}[A-Za-z]?)\b(?!\s+(?i:nights?|days?|shifts?|times?|hours?|hrs|weeks?|months?|years?|mins?|minutes?|am|pm)\b)", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex NumberedWard();

    // "Bute Ward", "Lomond Ward".
    [GeneratedRegex(@"\b(?<name>(?:" + Word + @"\s+){1,2})Ward\b", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex NamedWard();

    // "Ninewells Hospital", "Queen Elizabeth University Hospital", "Royal Infirmary of Edinburgh", "Leith Health Centre",
    // "Hillview Care Home", "St John's Hospital".
    [GeneratedRegex(@"\b(?<name>(?:" + Word + @"\s+(?:(?:of|the|and|on|upon)\s+)?){1,5})" + Site + @"\b(?<of>\s+of\s+\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*)?)?", RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex NamedSite();

    // Scottish hospitals usually named without "Hospital", and their abbreviations.
    [GeneratedRegex(
        @"\b(?:Ninewells|Raigmore|Gartnavel(?:\s+General)?|Hairmyres|Monklands|Wishaw\s+General|Crosshouse|Forth\s+Valley\s+Royal|Western\s+General|Royal\s+Alex(?:andra)?|Sick\s+Kids|Foresterhill|Stracathro|Borders\s+General|Dumfries\s+and\s+Galloway\s+Royal|Golden\s+Jubilee|Astley\s+Ainslie|Gilbert\s+Bain|Leverndale|Stobhill|Carseview|Murray\s+Royal|Royal\s+Edinburgh|Woodend|Perth\s+Royal|Queen\s+Margaret|Victoria\s+Infirmary|Royal\s+Infirmary|Queen\s+Elizabeth|Inverclyde\s+Royal|University\s+Hospital\s+\p{Lu}\p{Ll}+|St\.?\s+John's|Liberton|Roodlands|Chalmers|Cameron|Whytemans\s+Brae|Dr\s+Gray's|Belford|Balfour|RIE|QEUH|GRI|ARI|WGH|RAH|VHK|PRI|FVRH|UHC|UHH|UHW|UHA|DGRI|BGH|QMH|RACH|RHC|RHSC|GJNH|SJH|IRH)\b",
        RegexOptions.CultureInvariant, RedactionPatterns.TimeoutMilliseconds)]
    private static partial Regex KnownSite();
}
