using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.Home;

/// <summary>Every error a person meets: a plain sentence, never a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, there is a problem with the service";

    public string Message { get; private set; } = "Please try again later.";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        Response.StatusCode = status is >= 400 and < 600 ? status.Value : 500;
        (Title, Message) = status switch
        {
            404 => ("Page not found", "If you typed the web address, check it is correct."),
            403 => ("You cannot do this", "Your role does not allow this page. Sign in as a different role if you have one."),
            400 => ("The form could not be read", "Go back and try again."),
            _ => (Title, Message),
        };
    }
}
