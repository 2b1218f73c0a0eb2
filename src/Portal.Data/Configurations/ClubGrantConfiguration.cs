using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class ClubGrantConfiguration : IEntityTypeConfiguration<ClubGrant>
{
    public void Configure(EntityTypeBuilder<ClubGrant> grant)
    {
        grant.ToTable("ClubGrants");
        grant.HasKey(g => new { g.UserId, g.ClubId });
        grant.HasOne(g => g.User).WithMany(u => u.ClubGrants).HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        grant.HasOne(g => g.Club).WithMany(c => c.Grants).HasForeignKey(g => g.ClubId).OnDelete(DeleteBehavior.Cascade);
    }
}
