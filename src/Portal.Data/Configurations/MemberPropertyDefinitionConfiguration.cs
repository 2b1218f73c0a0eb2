using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class MemberPropertyDefinitionConfiguration : IEntityTypeConfiguration<MemberPropertyDefinition>
{
    public void Configure(EntityTypeBuilder<MemberPropertyDefinition> property)
    {
        property.ToTable("MemberProperties");
        property.Property(p => p.Key).HasMaxLength(ColumnLengths.PropertyKey);
        property.Property(p => p.Label).HasMaxLength(ColumnLengths.PropertyLabel);
        property.Property(p => p.Type).HasMaxLength(ColumnLengths.PropertyType);
        property.HasOne(p => p.Club).WithMany().HasForeignKey(p => p.ClubId).OnDelete(DeleteBehavior.Cascade);
        property.HasIndex(p => new { p.ClubId, p.Key }).IsUnique();
    }
}
