namespace ChampionNetwork.Surveys.Responses.Redaction;

/// <summary>Pieces shared by the redaction passes.</summary>
internal static class RedactionPatterns
{
    /// <summary>Per regex call. Free text is at most 2,000 characters; a pass that takes this long is under attack.</summary>
    public const int TimeoutMilliseconds = 250;

    public const string Marker = FreeTextRedactor.Marker;

    public static bool HasDigit(string text) => text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

    /// <summary>A capitalised name word: Morag, O'Neill, McLeod, MacDonald, Smith-Jones, D’Souza.</summary>
    public const string NameWord = @"(?:\p{Lu}['’]|Ma?c)?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?";
}
