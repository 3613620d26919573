using System.Security.Claims;
using ChampionNetwork.Identity;
using ChampionNetwork.Portal.Features.Shared;
using ChampionNetwork.ReferenceData;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.SignIn;

/// <summary>
/// Development: sign in as any role and organisation, with a token signed by the AppHost's development key.
/// Production (an OIDC authority configured): straight to the authority.
/// </summary>
public sealed class SignInModel(SignInMode mode, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Organisation { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public static IReadOnlyList<Area> Organisations { get; } =
        AreaChoices.Organisations;

    public IActionResult OnGet()
    {
        if (mode.Kind == SignInKind.OpenIdConnect)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = SafeReturn() });
        }

        return DevelopmentAllowed() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (mode.Kind == SignInKind.OpenIdConnect || !DevelopmentAllowed())
        {
            return NotFound();
        }

        if (Role is null || !Roles.All.Contains(Role, StringComparer.Ordinal))
        {
            ModelState.AddModelError(nameof(Role), "Choose the role to sign in as.");
        }

        Area? organisation = null;
        if (!string.IsNullOrEmpty(Organisation) && !AreaRegistry.Default.TryResolve(Organisation, out organisation))
        {
            ModelState.AddModelError(nameof(Organisation), "Choose an organisation from the list.");
        }
        else if (organisation is null && Role is Roles.Champion or Roles.OrgEditor)
        {
            ModelState.AddModelError(nameof(Organisation), "A champion or an organisation editor acts for an organisation: choose it.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Each sign-in is a new subject: a champion is never linked to an earlier sign-in.
        var subject = $"portal-{Role}-{Guid.NewGuid():N}";
        var token = DevelopmentSigningKey.IssueToken(mode.Identity, subject, [Role!], organisation?.Code.Value, clock, TimeSpan.FromHours(8));
        var claims = new List<Claim> { new(ChampionClaims.Subject, subject), new(ChampionClaims.Role, Role!) };
        if (organisation is not null)
        {
            claims.Add(new Claim(ChampionClaims.Organisation, organisation.Code.Value));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ChampionClaims.Subject, ChampionClaims.Role));
        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.StoreTokens([new AuthenticationToken { Name = PortalAuthentication.AccessToken, Value = token }]);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
        return LocalRedirect(SafeReturn());
    }

    // ServiceDefaults' IdentityConfigurationGuard refuses to start with a signing key outside Development and tests.
    private bool DevelopmentAllowed() => !string.IsNullOrWhiteSpace(mode.Identity.SigningKey);

    private string SafeReturn() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
