using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Bunit.TestDoubles;
using MudBlazor.Services;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Clubs;

namespace Portal.Components.Tests.Infrastructure;

/// <summary>
/// A bUnit context with Portal's real services on a real SQLite file (migrated, empty), MudBlazor's services and
/// a signed-in user. Only the edges are fakes: the browser (bUnit's loose JS interop) and the sign-in (bUnit's
/// authorization). Each test class instance gets its own database.
/// </summary>
public abstract class ComponentTest : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "portal-component-tests", Guid.NewGuid().ToString("N"));

    protected ComponentTest()
    {
        Directory.CreateDirectory(folder);
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}",
            ["Portal:SeedDemoData"] = "false",
        }).Build();
        var services = Context.Services;
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IWebHostEnvironment>(new TestEnvironment(folder));
        services.AddSingleton<IServer>(new NoServer());
        services.AddPortalCore(configuration, folder);
        services.AddHttpContextAccessor();
        services.AddScoped<ClientAddress>();
        services.AddScoped<PortalAccess>();
        services.AddScoped<PageAction>();
        services.AddScoped<CurrentClub>();
        services.AddSingleton<Portal.Features.Push.FcmSandbox>();
        services.AddMudServices();
        Authorization = Context.AddAuthorization();
    }

    protected BunitContext Context { get; }

    protected BunitAuthorizationContext Authorization { get; }

    public virtual async Task InitializeAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing pool; the OS temp cleaner gets it.
        }
    }

    protected IDbContextFactory<PortalDbContext> DbFactory => Context.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    /// <summary>Creates a club through the same service the CLI uses and returns its id.</summary>
    protected async Task<int> CreateClubAsync(string slug, string name)
    {
        using var scope = Context.Services.CreateScope();
        var club = await scope.ServiceProvider.GetRequiredService<ClubService>().CreateAsync(slug, name, Portal.Features.Audit.Actor.System, "en", "Europe/Oslo");
        // The club is the test's setting, not an event under test: its club.created record goes, so the audit
        // page's tests see only the records they make.
        await using var db = await DbFactory.CreateDbContextAsync();
        await db.AuditRecords.Where(r => r.ClubId == club.Id && r.Action == Portal.Features.Audit.AuditActions.ClubCreated).ExecuteDeleteAsync();
        return club.Id;
    }

    /// <summary>Creates a user with <paramref name="role"/> and the given clubs, and signs them in for the components.</summary>
    protected async Task<string> SignInAsync(string email, string role, params int[] clubIds)
    {
        using var scope = Context.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, "Component-tests-1");
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            foreach (var clubId in clubIds)
            {
                db.ClubGrants.Add(new ClubGrant { UserId = user.Id, ClubId = clubId, GrantedAt = DateTime.UnixEpoch });
            }
            await db.SaveChangesAsync();
        }
        var stamp = await users.GetSecurityStampAsync(user);
        Authorization.SetAuthorized(email);
        Authorization.SetRoles(role);
        Authorization.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, user.Id),
            new Claim(new IdentityOptions().ClaimsIdentity.SecurityStampClaimType, stamp));
        return user.Id;
    }

    private sealed class TestEnvironment(string root) : IWebHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "Portal";
        public string WebRootPath { get; set; } = root;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed class NoServer : IServer
    {
        public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();
        public void Dispose() { }
        public Task StartAsync<TContext>(Microsoft.AspNetCore.Hosting.Server.IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
