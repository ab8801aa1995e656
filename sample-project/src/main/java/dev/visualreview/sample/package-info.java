/**
 * The Fernbrook sample shop: a small static web app (sign-in form, product list, chart, themes,
 * live clock, animation, bundled font, long guide page) and {@link
 * dev.visualreview.sample.SampleApp}, the tiny server its visual tests start on 127.0.0.1.
 */
package dev.visualreview.sample;
