namespace Portal.Features.Account;

/// <summary>
/// A user whose admin requires two-factor sign-in and who has no authenticator yet can only reach the
/// set-up page (and sign out) until they have one.
/// </summary>
public static class TwoFactorRequirement
{
    public const string SetUpPath = "/account/two-factor";

    public static IApplicationBuilder UseTwoFactorSetUpRequirement(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.User.HasClaim(PortalClaimsFactory.MustSetUpTwoFactor, "true")
                && !path.StartsWithSegments("/account")
                && !path.StartsWithSegments("/_framework")
                && !path.StartsWithSegments("/_content")
                && !PortalWebApp.IsApiRequest(path))
            {
                if (path.StartsWithSegments("/_blazor"))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }
                context.Response.Redirect($"{SetUpPath}?required=true");
                return;
            }
            await next(context);
        });
}
