using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data;

public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options)
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
