using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class ConsentDefinitionConfiguration : IEntityTypeConfiguration<ConsentDefinition>
{
    public void Configure(EntityTypeBuilder<ConsentDefinition> consent)
    {
        consent.ToTable("ConsentDefinitions");
        consent.Property(c => c.Key).HasMaxLength(ColumnLengths.ConsentKey);
        consent.Property(c => c.Title).HasMaxLength(ColumnLengths.ConsentTitle);
        consent.Property(c => c.Description).HasMaxLength(ColumnLengths.ConsentDescription);
        consent.Property(c => c.Kind).HasMaxLength(ColumnLengths.ConsentKind).HasDefaultValue(ConsentKind.Consent);
        // Consent records are proof; a definition with answers is deactivated, never deleted.
        consent.HasOne(c => c.Club).WithMany().HasForeignKey(c => c.ClubId).OnDelete(DeleteBehavior.Restrict);
        consent.HasIndex(c => new { c.ClubId, c.Key }).IsUnique();
    }
}
