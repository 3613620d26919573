using ChampionNetwork.AppHost.Identity;
using ChampionNetwork.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChampionNetwork.AppHost.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class TokenCommandTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("apphost-token-").FullName;

    [Fact]
    public async Task Token_is_signed_with_the_key_the_services_receive()
    {
        var token = RunToken("token", "--role", "champion", "--org", "S08000015", "--data-dir", _dataDirectory);

        var key = SigningKeyStore.LoadOrCreate(_dataDirectory);
        var options = new IdentityOptions();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = DevelopmentSigningKey.From(key),
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("champion", result.Claims[ChampionClaims.Role]);
        Assert.Equal("S08000015", result.Claims[ChampionClaims.Organisation]);
        Assert.Equal(key, SigningKeyStore.EnvironmentFor(key)["Identity__SigningKey"]);
    }

    [Fact]
    public void The_key_is_kept_from_one_run_to_the_next()
    {
        var first = SigningKeyStore.LoadOrCreate(_dataDirectory);
        var second = SigningKeyStore.LoadOrCreate(_dataDirectory);

        Assert.Equal(first, second);
        Assert.Equal(32, Convert.FromBase64String(first).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dataDirectory, "identity", "signing-key")));
    }

    [Fact]
    public void A_champion_token_without_an_organisation_is_refused()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, TokenCommand.Run(["token", "--role", "champion", "--data-dir", _dataDirectory]));
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains("--org", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static string RunToken(params string[] args)
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, TokenCommand.Run(args));
        }
        finally
        {
            Console.SetOut(previous);
        }

        return output.ToString().Trim();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
