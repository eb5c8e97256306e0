package meshonboarder.aws;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import meshonboarder.access.EksAccessEntries;
import meshonboarder.errors.AccessEntriesDisabled;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.errors.PrincipalNotPropagated;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.model.AccessEntry;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** {@link EksAccessEntries} over the EKS API, in whichever region a cluster lives. */
public final class AwsAccessEntries implements EksAccessEntries {

    /**
     * What CreateAccessEntry answers (InvalidParameterException) for a role IAM has not yet propagated to EKS, and
     * for one that does not exist. The Terraform AWS provider retries exactly this message for two minutes
     * (hashicorp/terraform-provider-aws, internal/service/eks/access_entry.go, resourceAccessEntryCreate, with
     * propagationTimeout from consts.go).
     */
    static final String INVALID_PRINCIPAL = "The specified principalArn is invalid: invalid principal";

    private final AwsClients aws;

    public AwsAccessEntries(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Optional<Entry> find(String region, String clusterName, String principalArn) {
        AwsClients.ClusterClients at = aws.forCluster(region, clusterName);
        try {
            AccessEntry entry = at.aws().eks(region).describeAccessEntry(r -> r.clusterName(at.eksName())
                    .principalArn(principalArn)).accessEntry();
            return Optional.of(new Entry(entry.accessEntryArn(), entry.createdAt()));
        } catch (ResourceNotFoundException e) {
            // Also what EKS answers for a missing cluster: create then names that case.
            return Optional.empty();
        } catch (SdkException e) {
            throw translate(e, region, clusterName, "reading the access entry of " + principalArn);
        }
    }

    @Override
    public Optional<String> create(String region, String clusterName, String principalArn) {
        AwsClients.ClusterClients at = aws.forCluster(region, clusterName);
        try {
            return Optional.of(at.aws().eks(region).createAccessEntry(r -> r.clusterName(at.eksName())
                    .principalArn(principalArn).type("STANDARD")).accessEntry().accessEntryArn());
        } catch (ResourceInUseException e) {
            return Optional.empty();
        } catch (InvalidParameterException e) {
            if (e.getMessage() != null && e.getMessage().contains(INVALID_PRINCIPAL)) {
                throw PrincipalNotPropagated.of(principalArn, clusterName, e);
            }
            throw translate(e, region, clusterName, "creating the access entry of " + principalArn);
        } catch (ResourceNotFoundException e) {
            throw new ClusterNotFound("There is no EKS cluster named '" + clusterName + "' in " + region
                    + " to grant access to.", e);
        } catch (SdkException e) {
            throw translate(e, region, clusterName, "creating the access entry of " + principalArn);
        }
    }

    @Override
    public void delete(String region, String clusterName, String principalArn) {
        AwsClients.ClusterClients at = aws.forCluster(region, clusterName);
        try {
            at.aws().eks(region).deleteAccessEntry(r -> r.clusterName(at.eksName()).principalArn(principalArn));
        } catch (ResourceNotFoundException e) {
            // gone already: another run deleted it
        } catch (SdkException e) {
            throw translate(e, region, clusterName, "deleting the access entry of " + principalArn);
        }
    }

    @Override
    public Set<String> clusterPolicies(String region, String clusterName, String principalArn) {
        AwsClients.ClusterClients at = aws.forCluster(region, clusterName);
        try {
            Set<String> policies = new HashSet<>();
            at.aws().eks(region).listAssociatedAccessPoliciesPaginator(r -> r.clusterName(at.eksName())
                            .principalArn(principalArn))
                    .associatedAccessPolicies().stream()
                    .filter(p -> p.accessScope() != null && p.accessScope().type() == AccessScopeType.CLUSTER)
                    .map(AssociatedAccessPolicy::policyArn)
                    .forEach(policies::add);
            return policies;
        } catch (SdkException e) {
            throw translate(e, region, clusterName, "listing the access policies of " + principalArn);
        }
    }

    @Override
    public void associateClusterPolicy(String region, String clusterName, String principalArn, String policyArn) {
        AwsClients.ClusterClients at = aws.forCluster(region, clusterName);
        try {
            at.aws().eks(region).associateAccessPolicy(r -> r.clusterName(at.eksName()).principalArn(principalArn)
                    .policyArn(policyArn).accessScope(s -> s.type(AccessScopeType.CLUSTER)));
        } catch (SdkException e) {
            throw translate(e, region, clusterName, "associating " + policyArn + " with " + principalArn);
        }
    }

    private static RuntimeException translate(SdkException e, String region, String clusterName, String action) {
        // EKS: "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform
        // this operation." (HTTP 400, InvalidRequestException)
        if (e instanceof InvalidRequestException && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("authentication mode")) {
            return AccessEntriesDisabled.of(clusterName, region);
        }
        return AwsErrors.translate(e, action + " on EKS cluster '" + clusterName + "' in " + region);
    }
}
