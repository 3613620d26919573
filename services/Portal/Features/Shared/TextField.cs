namespace ChampionNetwork.Portal.Features.Shared;

/// <summary>A labelled text input or textarea (Rows &gt; 1) in the design system's question pattern.</summary>
public sealed record TextField(string Name, string Label, string? Value, string? Hint, int MaxLength, int Rows = 1, string Type = "text");
