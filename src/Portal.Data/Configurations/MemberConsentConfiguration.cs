using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class MemberConsentConfiguration : IEntityTypeConfiguration<MemberConsent>
{
    public void Configure(EntityTypeBuilder<MemberConsent> consent)
    {
        consent.ToTable("MemberConsents");
        consent.HasKey(c => new { c.MemberId, c.ConsentDefinitionId });
        consent.HasOne(c => c.Member).WithMany(m => m.Consents).HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        consent.HasOne(c => c.Definition).WithMany().HasForeignKey(c => c.ConsentDefinitionId).OnDelete(DeleteBehavior.Restrict);
        // Counts per consent and the member list's consent filter.
        consent.HasIndex(c => new { c.ConsentDefinitionId, c.Status });
    }
}
