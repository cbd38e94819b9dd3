using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sia.Cpd.Domain.Evaluations;

namespace Sia.Cpd.Data.Configurations;

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<EvaluationEntity>
{
    public void Configure(EntityTypeBuilder<EvaluationEntity> evaluation)
    {
        evaluation.ToTable("evaluations", table =>
        {
            table.HasCheckConstraint("ck_evaluations_rating", $"rating BETWEEN {EvaluationRules.LowestRating} AND {EvaluationRules.HighestRating}");
            table.HasCheckConstraint("ck_evaluations_comments", $"char_length(comments) <= {EvaluationRules.Comments}");
        });
        evaluation.HasKey(e => e.Id);
        evaluation.Property(e => e.Id).UseIdentityByDefaultColumn();
        // One per delegate.
        evaluation.HasIndex(e => new { e.BookingRowId, e.DelegateId }).IsUnique();
        evaluation.HasOne<BookingEntity>().WithMany().HasForeignKey(e => e.BookingRowId).OnDelete(DeleteBehavior.Restrict);
        evaluation.Property(e => e.DelegateId).UseCollation("C");
    }
}
