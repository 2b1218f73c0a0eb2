using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.ApiKeys;
using Portal.Features.Clubs;
using Portal.Features.Dashboard;
using Portal.Features.Members;
using Portal.Features.Schema;
using Portal.Features.Operations;
using Portal.Features.Users;
using Portal.Features.Consents;
using Portal.Features.MemberPasswords;
using Portal.Features.MemberTokens;
using Portal.Features.MemberVerification;
using Portal.Features.OneTimeCodes;
using Portal.Features.Outbox;

namespace Portal;

/// <summary>
/// Service registration shared by the web app and the CLI, so both run the same rules. Only what works
/// without HTTP belongs here: every registration is validated when the CLI host is built.
/// </summary>
public static class PortalServices
{
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.AddSingleton(TimeProvider.System);

        var database = DatabaseEngine.FromConfiguration(configuration, contentRoot);
        services.AddSingleton(database);
        database.AddServices(services);
        services.AddPortalDbContext(database.Provider, database.ConnectionString);

        // Keys that protect sign-in cookies and stored secrets must survive restarts: in a folder (configured, or beside
        // the SQLite file) or, on PostgreSQL, in the database, where every instance shares one key ring.
        var dataProtection = services.AddDataProtection().SetApplicationName("Portal");
        var keysPath = configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.DataProtectionKeysPath)}"] is { Length: > 0 } configuredKeys
            ? Path.GetFullPath(configuredKeys, contentRoot)
            : database.DefaultKeysFolder;
        if (keysPath is null)
        {
            dataProtection.PersistKeysToDbContext<PortalDbContext>();
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        services.AddIdentityCore<PortalUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();
        services.AddScoped<IUserConfirmation<PortalUser>, PortalUserConfirmation>();

        services.Configure<Features.Audit.AuditOptions>(configuration.GetSection(Features.Audit.AuditOptions.Section));
        services.AddSingleton<Features.Audit.AuditLog>();
        services.AddScoped<UserAccountService>();
        // Holds no scoped service: each operation opens its own scope for Identity (see the class).
        services.AddSingleton<Features.Users.UserAdministration>();
        services.AddScoped<FirstRunAdmin>();
        services.AddScoped<ClubService>();
        services.AddScoped<LoyaltyClubQueryService>();
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<ApiKeyUsage>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<ClubDirectory>();
        services.AddSingleton<PasswordHashing>();
        services.AddScoped<DashboardService>();
        services.AddScoped<DatabaseMaintenance>();
        services.AddSingleton<BackgroundJobLease>();
        services.AddScoped<DatabaseCopy>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<ClubSchemaService>();
        services.AddSingleton<ClubSchemaCache>();
        services.AddSingleton<ConsentService>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<IPasswordHasher<Member>, PasswordHasher<Member>>();
        services.AddScoped<MemberService>();
        services.AddScoped<OneTimeCodeService>();
        services.AddScoped<MemberTokenService>();
        services.AddScoped<MemberSignInService>();
        services.AddScoped<MemberRegistrationService>();
        services.AddScoped<MemberPasswordService>();
        services.AddScoped<MemberVerificationService>();
        services.AddScoped<MemberQueryService>();
        services.AddScoped<MemberDataExport>();
        services.AddScoped<Features.Outbox.OutboxQueryService>();
        services.AddScoped<Features.Consents.ConsentStatsService>();
        services.AddScoped<Features.Devices.DeviceTokenService>();
        services.AddScoped<Features.Devices.DeviceAdministration>();
        services.AddScoped<Features.Devices.StorefrontTokenService>();
        services.AddScoped<Features.Devices.DeviceQueryService>();
        services.AddScoped<Features.Applets.AppletService>();
        services.AddScoped<Features.Applets.AppletMembershipService>();

        services.Configure<Features.Push.FcmOptions>(configuration.GetSection(Features.Push.FcmOptions.Section));
        services.AddSingleton<Features.Push.FcmAccessTokens>();
        services.AddScoped<Features.Push.FirebaseProjectService>();
        services.AddScoped<Features.Push.PushService>();
        services.AddScoped<Features.Push.PushLibraryService>();
        // One HTTP/2 connection pool for all sends (SocketsHttpHandler multiplexes streams on it).
        services.AddHttpClient<Features.Push.FcmClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<IExternalTokenVerifier, UnconfiguredExternalTokenVerifier>();
        return services;
    }

    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        // Length beats composition rules (NIST SP 800-63B); a digit and mixed case are still asked for.
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
        // "Confirmed" means "not disabled by an admin" (PortalUserConfirmation); e-mail confirmation is not used.
        options.SignIn.RequireConfirmedAccount = true;
    }

    /// <summary>
    /// A host with the core services only, for CLI verbs: no web server, no hosted services.
    /// <paramref name="configureServices"/> runs last, for tests that replace a service (the clock).
    /// </summary>
    public static WebApplication BuildCliHost(IReadOnlyDictionary<string, string?>? settings = null, string? environmentName = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PortalServices).Assembly.GetName().Name,
            EnvironmentName = environmentName,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        // CLI output is for people; keep framework logging out of it.
        builder.Logging.ClearProviders();
        // Validated in every environment, not only Development: building this host is cheap next to what a verb
        // does, and a lifetime mistake must fail in tests (which run in Production too) rather than for an operator.
        builder.Host.UseDefaultServiceProvider(provider =>
        {
            provider.ValidateScopes = true;
            provider.ValidateOnBuild = true;
        });
        builder.Services.AddPortalCore(builder.Configuration, builder.Environment.ContentRootPath);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }
}
