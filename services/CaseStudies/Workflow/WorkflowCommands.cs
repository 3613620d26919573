using System.Diagnostics.CodeAnalysis;

namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>Commands by their wire names: kebab-case, as in <c>POST .../editions/2/force-publish</c>.</summary>
public static class WorkflowCommands
{
    public static string Name(this WorkflowCommand command) => command switch
    {
        WorkflowCommand.ForcePublish => "force-publish",
        _ => command.ToString().ToLowerInvariant(),
    };

    public static string Name(this EditionState state) => state.ToString();

    public static bool TryParse(string? name, [NotNullWhen(true)] out WorkflowCommand? command)
    {
        foreach (var candidate in Enum.GetValues<WorkflowCommand>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                command = candidate;
                return true;
            }
        }

        command = null;
        return false;
    }
}
