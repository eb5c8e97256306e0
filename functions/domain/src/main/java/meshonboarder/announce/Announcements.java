package meshonboarder.announce;

/** Port: where announcements go (the default EventBridge bus, source {@code mesh-onboarder}). */
public interface Announcements {

    void publish(Announcement announcement, String executionArn);
}
