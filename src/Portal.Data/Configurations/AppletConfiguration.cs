using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class AppletConfiguration : IEntityTypeConfiguration<Applet>
{
    public void Configure(EntityTypeBuilder<Applet> applet)
    {
        applet.ToTable("Applets");
        applet.Property(a => a.Id).HasMaxLength(ColumnLengths.PublicId);
        applet.Property(a => a.Name).HasMaxLength(ColumnLengths.AppletName);
        applet.Property(a => a.MediaUploadId).HasMaxLength(ColumnLengths.MediaUploadId);
        applet.Property(a => a.ImageUrl).HasMaxLength(ColumnLengths.Url);
        applet.Property(a => a.AppletAccountId).HasMaxLength(ColumnLengths.PublicId);
        applet.Property(a => a.ExtensionsJson).HasMaxLength(ColumnLengths.ExtensionsJson);
        applet.HasOne<LoyaltyClub>().WithMany().HasForeignKey(a => a.ClubId).OnDelete(DeleteBehavior.Restrict);
        applet.HasIndex(a => new { a.ClubId, a.Name });
    }
}

public class AppletMembershipConfiguration : IEntityTypeConfiguration<AppletMembership>
{
    public void Configure(EntityTypeBuilder<AppletMembership> membership)
    {
        membership.ToTable("AppletMemberships");
        membership.Property(m => m.Id).HasMaxLength(ColumnLengths.PublicId);
        membership.Property(m => m.AppletId).HasMaxLength(ColumnLengths.PublicId);
        membership.Property(m => m.AccountId).HasMaxLength(ColumnLengths.PublicId);
        membership.Property(m => m.CreatedBy).HasMaxLength(ColumnLengths.Crn);
        membership.HasOne<LoyaltyClub>().WithMany().HasForeignKey(m => m.ClubId).OnDelete(DeleteBehavior.Restrict);
        membership.HasOne(m => m.Applet).WithMany().HasForeignKey(m => m.AppletId).OnDelete(DeleteBehavior.Restrict);
        // Erasing a member ends their memberships.
        membership.HasOne(m => m.Member).WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
        // Joining twice returns the first membership.
        membership.HasIndex(m => new { m.AppletId, m.MemberId }).IsUnique();
        // An account's list, in a stable keyset order.
        membership.HasIndex(m => new { m.AccountId, m.CreatedAt, m.Id });
        membership.HasIndex(m => m.MemberId);
    }
}
