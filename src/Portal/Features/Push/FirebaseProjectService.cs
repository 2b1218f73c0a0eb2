using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;

namespace Portal.Features.Push;

public record FirebaseProjectSummary(int Id, string Slug, string FcmProjectId, string ClientEmail, DateTime UpdatedAt);

/// <summary>
/// A club's Firebase projects. The service-account key is checked, then stored encrypted with Data Protection
/// (the key ring lives beside the database, so a restart can still read it) and never handed back to a page.
/// </summary>
// The sandbox is registered by the web app only (it needs the web server); the CLI gets null.
public partial class FirebaseProjectService(IDbContextFactory<PortalDbContext> dbFactory, IDataProtectionProvider protection, FcmClient fcm, AuditLog audit,
    TimeProvider clock, FcmSandbox? sandbox = null)
{
    private readonly IDataProtector protector = protection.CreateProtector("Portal.FirebaseServiceAccount.v1");

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex SlugPattern();

    /// <summary>Adds a project or replaces its key. <paramref name="fcmProjectId"/> defaults to the key's project_id.</summary>
    public async Task<Outcome<FirebaseProjectSummary>> SaveAsync(int clubId, string slug, string? fcmProjectId, string serviceAccountJson, Actor actor,
        CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageSettings, clubId))
        {
            return Outcome<FirebaseProjectSummary>.RefusedFor(PortalPermission.ManageSettings);
        }
        slug = slug.Trim();
        if (!SlugPattern().IsMatch(slug))
        {
            throw new PortalValidationException("slug", "A slug is lower-case letters, digits, '.', '_' or '-', as the apps send it in firebase_project_slug.");
        }
        var key = ServiceAccountKey.Parse(serviceAccountJson);
        var projectId = string.IsNullOrWhiteSpace(fcmProjectId) ? key.ProjectId : fcmProjectId.Trim();
        if (projectId.Length > ColumnLengths.FirebaseProjectSlug)
        {
            throw new PortalValidationException("project", "The FCM project id is too long.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.FirebaseProjects.SingleOrDefaultAsync(p => p.ClubId == clubId && p.Slug == slug, ct);
        if (project is null)
        {
            project = db.FirebaseProjects.Add(new FirebaseProject
            {
                ClubId = clubId, Slug = slug, FcmProjectId = projectId, ProtectedServiceAccount = "", ClientEmail = key.ClientEmail, CreatedAt = now,
            }).Entity;
        }
        project.FcmProjectId = projectId;
        project.ProtectedServiceAccount = protector.Protect(key.Json);
        project.ClientEmail = key.ClientEmail;
        project.UpdatedAt = now;
        audit.Add(db, AuditActions.FirebaseProjectSaved, actor, clubId, $"firebase_project:{slug}");
        await db.SaveChangesAsync(ct);
        return new FirebaseProjectSummary(project.Id, project.Slug, project.FcmProjectId, project.ClientEmail, project.UpdatedAt);
    }

    public async Task<IReadOnlyList<FirebaseProjectSummary>> ListAsync(int clubId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projects = await db.FirebaseProjects.AsNoTracking().Where(p => p.ClubId == clubId).OrderBy(p => p.Slug)
            .Select(p => new FirebaseProjectSummary(p.Id, p.Slug, p.FcmProjectId, p.ClientEmail, p.UpdatedAt)).ToListAsync(ct);
        if (sandbox is { Enabled: true } && projects.All(p => p.Slug != FcmSandbox.Slug))
        {
            projects.Add(new FirebaseProjectSummary(0, FcmSandbox.Slug, FcmSandbox.ProjectId, "built-in sandbox (Development only)", clock.GetUtcNow().UtcDateTime));
        }
        return projects;
    }

    /// <summary>Removes a project; false when the club has no such project.</summary>
    public async Task<Outcome<bool>> RemoveAsync(int clubId, string slug, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageSettings, clubId))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.ManageSettings);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.FirebaseProjects.Where(p => p.ClubId == clubId && p.Slug == slug).ExecuteDeleteAsync(ct) != 1)
        {
            return false;
        }
        audit.Add(db, AuditActions.FirebaseProjectRemoved, actor, clubId, $"firebase_project:{slug}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The decrypted credentials of a project, for sending; null when the club has no such project.</summary>
    public async Task<FirebaseCredentials?> CredentialsAsync(int clubId, string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.FirebaseProjects.AsNoTracking().SingleOrDefaultAsync(p => p.ClubId == clubId && p.Slug == slug, ct);
        if (project is null)
        {
            return slug == FcmSandbox.Slug && sandbox is { Enabled: true } ? sandbox.Credentials() : null;
        }
        return new FirebaseCredentials(project.FcmProjectId, ServiceAccountKey.Parse(protector.Unprotect(project.ProtectedServiceAccount)));
    }

    /// <summary>Gets an access token and dry-runs a message to a topic: says in words what worked.</summary>
    public async Task<(bool Ok, string Report)> TestConnectionAsync(int clubId, string slug, CancellationToken ct = default)
    {
        var credentials = await CredentialsAsync(clubId, slug, ct);
        if (credentials is null)
        {
            return (false, $"There is no Firebase project '{slug}'.");
        }
        var result = await fcm.SendAsync(credentials.Key, credentials.FcmProjectId, FcmClient.ConnectionTestTopic,
            new PushContent { Title = "Portal connection test" }, "connection-test", validateOnly: true, ct, credentials.Endpoint);
        return result switch
        {
            { Success: true } => (true, $"Signed in to Google as {credentials.Key.ClientEmail} and FCM accepted a dry-run message for project {credentials.FcmProjectId}. Sending works."),
            { ErrorCode: FcmErrorCodes.Authentication } => (false, $"Could not sign in to Google with this key: {result.ErrorMessage}"),
            _ => (false, $"Signed in to Google, but FCM refused the dry run for project {credentials.FcmProjectId}: {result.ErrorCode} {result.ErrorMessage}"),
        };
    }
}
