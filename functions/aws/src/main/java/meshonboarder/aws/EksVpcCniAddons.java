package meshonboarder.aws;

import java.util.Optional;
import meshonboarder.cni.VpcCniAddons;
import meshonboarder.errors.CniUpdateFailed;
import meshonboarder.errors.Transient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.model.ErrorDetail;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.ResolveConflicts;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** {@link VpcCniAddons} over the EKS API, in whichever region the cluster lives. */
public final class EksVpcCniAddons implements VpcCniAddons {

    private final AwsClients aws;

    public EksVpcCniAddons(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Optional<Addon> describe(String region, String clusterName) {
        AwsClients.ClusterClients at = aws.forCluster(region, clusterName);
        try {
            var addon = at.aws().eks(region).describeAddon(r -> r.clusterName(at.eksName()).addonName(ADDON_NAME)).addon();
            return Optional.of(new Addon(addon.addonVersion(), addon.configurationValues(), addon.statusAsString()));
        } catch (ResourceNotFoundException notManaged) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "describing the vpc-cni add-on of cluster '" + clusterName + "' in " + region);
        }
    }

    @Override
    public String update(String region, String clusterName, String addonVersion, String configurationValues) {
        AwsClients.ClusterClients at = aws.forCluster(region, clusterName);
        try {
            // PRESERVE keeps what users changed on the cluster; OVERWRITE would reset their values.
            return at.aws().eks(region).updateAddon(r -> r.clusterName(at.eksName()).addonName(ADDON_NAME)
                    .addonVersion(addonVersion).configurationValues(configurationValues)
                    .resolveConflicts(ResolveConflicts.PRESERVE)).update().id();
        } catch (ResourceInUseException e) {
            throw new Transient("The vpc-cni add-on of cluster '" + clusterName + "' is busy with another update.", e);
        } catch (InvalidParameterException | InvalidRequestException e) {
            throw new CniUpdateFailed("EKS refused the new configuration values of the vpc-cni add-on of cluster '"
                    + clusterName + "' (" + e.awsErrorDetails().errorMessage() + "). Update the add-on to a recent "
                    + "version (aws eks update-addon --cluster-name " + clusterName + " --addon-name vpc-cni "
                    + "--addon-version <version>), then start onboarding again.", e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "updating the vpc-cni add-on of cluster '" + clusterName + "' in " + region);
        }
    }

    @Override
    public Update describeUpdate(String region, String clusterName, String updateId) {
        AwsClients.ClusterClients at = aws.forCluster(region, clusterName);
        try {
            var update = at.aws().eks(region).describeUpdate(r -> r.name(at.eksName()).updateId(updateId)
                    .addonName(ADDON_NAME)).update();
            return new Update(update.id(), update.statusAsString(), update.errors().stream()
                    .map(EksVpcCniAddons::describe).toList());
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading update " + updateId + " of the vpc-cni add-on of cluster '"
                    + clusterName + "' in " + region);
        }
    }

    private static String describe(ErrorDetail error) {
        return error.errorCodeAsString() + ": " + error.errorMessage();
    }
}
