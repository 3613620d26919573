using System.Reflection;
using System.Xml.Linq;
using MassTransit;

namespace ChampionNetwork.Messaging.Tests;

/// <summary>MassTransit v8 is Apache-2.0; v9 is commercial. The build must never carry v9.</summary>
public sealed class MassTransitLicenceTests
{
    [Fact]
    public void Every_loaded_MassTransit_assembly_is_version_8()
    {
        // Touch both packages' types so their assemblies are loaded.
        _ = typeof(IBus).Assembly;
        _ = typeof(global::MassTransit.Bus).Assembly;
        _ = typeof(RabbitMqBusFactoryConfiguratorExtensions).Assembly;

        var massTransit = AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetName())
            .Where(n => n.Name!.StartsWith("MassTransit", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(massTransit, n => n.Name == "MassTransit");
        Assert.Contains(massTransit, n => n.Name == "MassTransit.RabbitMqTransport");
        Assert.All(massTransit, n => Assert.True(n.Version!.Major < 9, $"{n.Name} {n.Version} is MassTransit 9 or later, which is commercially licensed."));
    }

    [Fact]
    public void Every_MassTransit_package_is_pinned_to_exactly_8_5_12()
    {
        var props = XDocument.Load(Path.Combine(RepositoryRoot(), "Directory.Packages.props"));
        var pins = props.Descendants("PackageVersion")
            .Where(p => ((string?)p.Attribute("Include"))?.StartsWith("MassTransit", StringComparison.Ordinal) == true)
            .ToList();

        Assert.NotEmpty(pins);
        Assert.All(pins, p => Assert.Equal("[8.5.12]", (string?)p.Attribute("Version")));
    }

    [Fact]
    public void The_MassTransit_assembly_in_use_is_informational_version_8_5_12()
    {
        var version = typeof(global::MassTransit.Bus).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.StartsWith("8.5.12", version, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChampionNetwork.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChampionNetwork.sln not found above " + AppContext.BaseDirectory);
    }
}
