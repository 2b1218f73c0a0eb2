using MudBlazor;
using Portal.Features.Audit;

namespace Portal.Features.Account;

/// <summary>
/// The one way a page runs a change: the signed-in user becomes the <see cref="Actor"/> (roles, grants and state
/// read from the database now), the use case checks the permission and audits, and this turns its outcome into
/// the page's message. A refusal reads "Not allowed: only Admins can …"; a rule error "Not saved: …" unless the
/// page puts it next to its field.
/// </summary>
public sealed class PageAction(PortalAccess access, ISnackbar snackbar)
{
    /// <summary>
    /// Runs the use case as the signed-in user. Returns the outcome when done; null when refused or
    /// when a rule was broken (both already said to the user).
    /// </summary>
    /// <param name="what">The action in words, finishing "only Admins can …", e.g. "change applets".</param>
    /// <param name="useCase">The use case, called with the actor.</param>
    /// <param name="success">Said in a snackbar when done; none when null.</param>
    /// <param name="invalid">Takes a rule error to show next to its field, instead of the snackbar.</param>
    /// <param name="refused">Takes the refusal to show in the page's own form, instead of the snackbar.</param>
    public async Task<Outcome<T>?> RunAsync<T>(string what, Func<Actor, Task<Outcome<T>>> useCase, string? success = null,
        Action<PortalValidationException>? invalid = null, Action<string>? refused = null)
    {
        Outcome<T> outcome;
        try
        {
            outcome = await useCase(await access.ActorAsync());
        }
        catch (PortalValidationException e)
        {
            if (invalid is null)
            {
                snackbar.Add($"Not saved: {e.Message}", Severity.Error);
            }
            else
            {
                invalid(e);
            }
            return null;
        }
        if (outcome.RefusedPermission is { } permission)
        {
            if (refused is null)
            {
                snackbar.Add(NotAllowed(permission, what), Severity.Error);
            }
            else
            {
                refused(NotAllowed(permission, what));
            }
            return null;
        }
        if (success is not null)
        {
            snackbar.Add(success, Severity.Success);
        }
        return outcome;
    }

    /// <summary>
    /// For a page action that changes nothing but is not for everyone (a connection test): whether the signed-in
    /// user holds <paramref name="permission"/> now, a refusal audited and said as for a change.
    /// </summary>
    public async Task<bool> MayAsync(PortalPermission permission, int? clubId, string what)
    {
        if (await access.RequireAsync(permission, clubId) is not null)
        {
            return true;
        }
        snackbar.Add(NotAllowed(permission, what), Severity.Error);
        return false;
    }

    /// <summary>"Not allowed: only Admins can …", naming the roles that hold the permission.</summary>
    public static string NotAllowed(PortalPermission permission, string what) =>
        $"Not allowed: only {string.Join(" and ", PortalPermissions.RolesFor(permission).Select(r => r + "s"))} can {what}.";
}
