using ChampionNetwork.Surveys.Data;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Surveys.Tests;

public sealed class SchemaTests
{
    [Fact]
    public void The_migrations_describe_the_current_model()
    {
        using var db = new SurveysDb(new DbContextOptionsBuilder<SurveysDb>().UseNpgsql("Host=unused;Database=surveysdb").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last migration: run `dotnet ef migrations add <Name> --project services/Surveys --output-dir Data/Migrations`.");
    }
}
