using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChampionNetwork.GoodPractice.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service or reaching a server.</summary>
internal sealed class GoodPracticeDbDesignTimeFactory : IDesignTimeDbContextFactory<GoodPracticeDb>
{
    public GoodPracticeDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GoodPracticeDb>().UseNpgsql("Host=localhost;Database=goodpracticedb").UseSnakeCaseNamingConvention().Options);
}
