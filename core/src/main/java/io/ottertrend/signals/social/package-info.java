/**
 * Social-media providers (implementation): only {@link io.ottertrend.signals.social.UnconfiguredSocialProvider}
 * for now — X/Twitter mentions are scheduled for V2 and nothing here invents data.
 */
package io.ottertrend.signals.social;
