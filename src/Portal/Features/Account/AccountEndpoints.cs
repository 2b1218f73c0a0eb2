using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Data.Entities;

namespace Portal.Features.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so another site cannot sign a user out.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext http, SignInManager<PortalUser> signIn, PortalAccess access, Audit.AuditLog audit, [FromForm] string? returnUrl) =>
            {
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    await audit.RecordAsync(Audit.AuditActions.SignedOut, access.ActorFor(http.User));
                }
                await signIn.SignOutAsync();
                return TypedResults.LocalRedirect("/account/login?signedOut=true");
            })
            .ExcludeFromDescription();
    }
}
