package meshonboarder.remote;

/** Port: the intermediate CAs of the mesh's members, as far as retiring one goes. */
public interface IntermediateCas {

    /** Schedules the deletion of the member's intermediate CA with the recovery window; an absent one is fine. */
    CaRetirement retire(String meshId, String clusterName);
}
