using Aspire.Hosting.Orleans;

namespace ChampionNetwork.AppHost.Servers;

/// <summary>
/// Orleans' Redis provider on whichever resource holds Redis. Aspire.Hosting.Orleans derives the provider type from the
/// resource's class name ("LocalRedis", "ConnectionString"); the silo needs "Redis", and finds the connection string by
/// name (Orleans__Clustering__ConnectionName=redis and ConnectionStrings__redis).
/// </summary>
internal sealed class OrleansRedis(IResourceBuilder<IResourceWithConnectionString> redis) : IProviderConfiguration
{
    public void ConfigureResource<T>(IResourceBuilder<T> resourceBuilder, string configSectionPath) where T : IResourceWithEnvironment
    {
        var prefix = $"Orleans__{configSectionPath.Replace(":", "__", StringComparison.Ordinal)}";
        resourceBuilder.WithEnvironment($"{prefix}__ProviderType", "Redis");
        resourceBuilder.WithEnvironment($"{prefix}__ConnectionName", redis.Resource.Name);
        resourceBuilder.WithReference(redis);
    }
}
