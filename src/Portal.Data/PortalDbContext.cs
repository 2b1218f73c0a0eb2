using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data;

public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<LoyaltyClub> Clubs => Set<LoyaltyClub>();
    public DbSet<ClubGrant> ClubGrants => Set<ClubGrant>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<MemberPropertyDefinition> MemberProperties => Set<MemberPropertyDefinition>();
    public DbSet<ConsentDefinition> ConsentDefinitions => Set<ConsentDefinition>();
    public DbSet<MemberConsent> MemberConsents => Set<MemberConsent>();
    public DbSet<ConsentChange> ConsentChanges => Set<ConsentChange>();
    public DbSet<MemberAccessToken> MemberAccessTokens => Set<MemberAccessToken>();
    public DbSet<OneTimeCode> OneTimeCodes => Set<OneTimeCode>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<DeviceToken> DeviceTokens => Set<DeviceToken>();
    public DbSet<Applet> Applets => Set<Applet>();
    public DbSet<AppletMembership> AppletMemberships => Set<AppletMembership>();
    public DbSet<FirebaseProject> FirebaseProjects => Set<FirebaseProject>();
    public DbSet<PushSend> PushSends => Set<PushSend>();
    public DbSet<PushDelivery> PushDeliveries => Set<PushDelivery>();
    public DbSet<PushTemplate> PushTemplates => Set<PushTemplate>();
    public DbSet<PushTestDevice> PushTestDevices => Set<PushTestDevice>();
    public DbSet<BackgroundJobRun> BackgroundJobRuns => Set<BackgroundJobRun>();

    /// <summary>
    /// The ASP.NET Core Data Protection key ring when it is kept in the database (on PostgreSQL, so every instance
    /// shares it: a cookie or a stored Firebase key protected by one instance is read by another).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            // Text compares and sorts by its bytes, as on SQLite, whatever locale the database was created with: the
            // member search's prefix ranges (MemberQueryService) and unique keys then behave the same on both engines.
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.ClrType == typeof(string)))
            {
                property.SetCollation("C");
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
