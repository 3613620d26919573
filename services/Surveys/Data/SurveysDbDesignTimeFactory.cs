using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChampionNetwork.Surveys.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service or reaching a server.</summary>
internal sealed class SurveysDbDesignTimeFactory : IDesignTimeDbContextFactory<SurveysDb>
{
    public SurveysDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SurveysDb>().UseNpgsql("Host=localhost;Database=surveysdb").Options);
}
