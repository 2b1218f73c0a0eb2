using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class DeviceTokenConfiguration : IEntityTypeConfiguration<DeviceToken>
{
    public void Configure(EntityTypeBuilder<DeviceToken> token)
    {
        token.ToTable("DeviceTokens");
        token.Property(t => t.Token).HasMaxLength(ColumnLengths.DeviceToken);
        token.Property(t => t.Platform).HasMaxLength(ColumnLengths.Platform);
        token.Property(t => t.AppInstallationId).HasMaxLength(ColumnLengths.AppInstallationId);
        token.Property(t => t.FirebaseProjectSlug).HasMaxLength(ColumnLengths.FirebaseProjectSlug);
        token.Property(t => t.DeviceModel).HasMaxLength(ColumnLengths.DeviceModel);
        token.Property(t => t.OsVersion).HasMaxLength(ColumnLengths.VersionText);
        token.Property(t => t.AppVersion).HasMaxLength(ColumnLengths.VersionText);
        token.Property(t => t.Status).HasMaxLength(ColumnLengths.TokenStatus);
        token.Property(t => t.InvalidReason).HasMaxLength(ColumnLengths.InvalidReason);
        token.HasOne<LoyaltyClub>().WithMany().HasForeignKey(t => t.ClubId).OnDelete(DeleteBehavior.Restrict);
        // Erasing a member takes their devices with them.
        token.HasOne(t => t.Member).WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
        // One owner per token in a club: registering it again moves it.
        token.HasIndex(t => new { t.ClubId, t.Token }).IsUnique();
        token.HasIndex(t => new { t.MemberId, t.AppInstallationId });
        // The Devices page pages by last seen within a status.
        token.HasIndex(t => new { t.ClubId, t.Status, t.LastSeenAt });
    }
}
