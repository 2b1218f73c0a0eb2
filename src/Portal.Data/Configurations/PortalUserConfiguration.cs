using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(ColumnLengths.DisplayName);
        // Deleting a club must not delete the users who last looked at it.
        user.Property(u => u.TwoFactorRequired).HasDefaultValue(false);
        user.HasOne(u => u.CurrentClub).WithMany().HasForeignKey(u => u.CurrentClubId).OnDelete(DeleteBehavior.SetNull);
    }
}
