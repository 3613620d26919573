using Microsoft.AspNetCore.Mvc.Rendering;

namespace ChampionNetwork.Portal.Features.Shared;

/// <summary>The id of a form field named <paramref name="name"/>, as the tag helpers make it, so the error summary links to it.</summary>
public static class FieldIds
{
    public static string For(string name) => TagBuilder.CreateSanitizedId(name, "_");
}
