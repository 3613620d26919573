using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChampionNetwork.CaseStudies.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service or reaching a server.</summary>
internal sealed class CaseStudiesDbDesignTimeFactory : IDesignTimeDbContextFactory<CaseStudiesDb>
{
    public CaseStudiesDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CaseStudiesDb>().UseNpgsql("Host=localhost;Database=casestudiesdb").UseSnakeCaseNamingConvention().Options);
}
