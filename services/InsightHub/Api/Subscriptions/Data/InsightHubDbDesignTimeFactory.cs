using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChampionNetwork.InsightHub.Subscriptions.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the silo or reaching a server.</summary>
internal sealed class InsightHubDbDesignTimeFactory : IDesignTimeDbContextFactory<InsightHubDb>
{
    public InsightHubDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<InsightHubDb>().UseNpgsql("Host=localhost;Database=insighthubdb").UseSnakeCaseNamingConvention().Options);
}
