package meshonboarder.istiod;

/** A member whose istiod view could not be read ({@link IstiodView#known} false): reported, never counted as broken. */
public record UnknownView(String holder, String reason) {

    public static UnknownView of(IstiodView view) {
        return new UnknownView(view.holder(), view.reason());
    }
}
