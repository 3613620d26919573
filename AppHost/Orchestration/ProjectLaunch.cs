using System.Xml.Linq;
using ChampionNetwork.AppHost.Model;

namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>
/// How a project runs: `dotnet {bin}/{Configuration}/{tfm}/{AssemblyName}.dll`, from the project folder (the content
/// root `dotnet run` would use). The AppHost references the service projects, so building it builds them; the
/// supervised process is the service itself, so `kill -9 {pid}` hits the service.
/// </summary>
internal sealed record ProjectLaunch(string DotnetHost, string AssemblyPath, string ProjectDirectory)
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static ProjectLaunch Resolve(ProjectResource project, string repositoryRoot)
    {
        var projectFile = Path.GetFullPath(Path.Combine(repositoryRoot, project.ProjectPath));
        if (!File.Exists(projectFile))
        {
            throw new InvalidOperationException($"'{project.Name}': project file {projectFile} does not exist.");
        }

        var xml = XDocument.Load(projectFile);
        var assemblyName = Property(xml, "AssemblyName") ?? Path.GetFileNameWithoutExtension(projectFile);
        var framework = Property(xml, "TargetFramework") ?? CurrentFramework();
        var directory = Path.GetDirectoryName(projectFile)!;
        var assembly = Path.Combine(directory, "bin", Configuration, framework, assemblyName + ".dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException(
                $"'{project.Name}' is not built ({assembly} is missing). Run the AppHost with `dotnet run --project AppHost`, which builds every service it runs.");
        }

        return new ProjectLaunch(FindDotnetHost(), assembly, directory);
    }

    private static string? Property(XDocument xml, string name) =>
        xml.Descendants().FirstOrDefault(e => e.Name.LocalName == name && !string.IsNullOrWhiteSpace(e.Value))?.Value.Trim();

    /// <summary>".NETCoreApp,Version=v10.0" → "net10.0": the services build for the AppHost's framework (Directory.Build.props).</summary>
    private static string CurrentFramework()
    {
        var name = AppContext.TargetFrameworkName ?? ".NETCoreApp,Version=v10.0";
        return "net" + name[(name.IndexOf("=v", StringComparison.Ordinal) + 2)..];
    }

    private static string FindDotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists);
        return onPath ?? new[] { "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet" }.FirstOrDefault(File.Exists) ?? "dotnet";
    }
}
