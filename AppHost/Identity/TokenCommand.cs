using ChampionNetwork.Identity;

namespace ChampionNetwork.AppHost.Identity;

/// <summary>
/// `dotnet run --project AppHost -- token --role champion --org S08000015 [--sub NAME] [--hours 8] [--data-dir PATH]`
/// prints a JWT signed with the AppHost's development key, which every service it runs accepts. Without --sub each
/// token is a new user, so each champion token can answer a campaign once.
/// </summary>
public static class TokenCommand
{
    public static bool Matches(string[] args) => args is ["token", ..];

    public static int Run(string[] args)
    {
        string? role = null, organisation = null, subject = null, dataDirectory = null;
        var hours = 8.0;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role" when value is not null: role = value; i++; break;
                case "--org" when value is not null: organisation = value; i++; break;
                case "--sub" when value is not null: subject = value; i++; break;
                case "--data-dir" when value is not null: dataDirectory = Path.GetFullPath(value); i++; break;
                case "--hours" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var h): hours = h; i++; break;
                default: return Usage($"Unknown or incomplete argument '{args[i]}'.");
            }
        }

        if (role is null || !Roles.All.Contains(role))
        {
            return Usage($"--role must be one of: {string.Join(", ", Roles.All)}.");
        }

        if (role is Roles.Champion or Roles.OrgEditor && organisation is null)
        {
            return Usage($"A {role} token needs --org (a GSS code such as S08000015).");
        }

        dataDirectory ??= Path.Combine(RepositoryRoot.Find(), ".apphost");
        var options = new IdentityOptions { SigningKey = SigningKeyStore.LoadOrCreate(dataDirectory) };
        var token = DevelopmentSigningKey.IssueToken(
            options, subject ?? $"dev-{role}-{Guid.NewGuid().ToString("N")[..8]}", [role], organisation, TimeProvider.System, TimeSpan.FromHours(hours));
        Console.Out.WriteLine(token);
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine("Usage: dotnet run --project AppHost -- token --role ROLE [--org GSS] [--sub NAME] [--hours 8] [--data-dir PATH]");
        return 2;
    }
}
