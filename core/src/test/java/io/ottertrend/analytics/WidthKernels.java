package io.ottertrend.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code VectorKernels} at a chosen width inside one JVM: the kernels keep their species in a {@code static final}
 * field (so C2 can intrinsify them), so each width gets its own copy of the {@code internal} package, defined by a
 * child-first class loader while {@code ottertrend.simd.bits} is set.
 */
final class WidthKernels {
  private static final String PKG = "io.ottertrend.analytics.internal.";
  private static final Map<Integer, WidthKernels> CACHE = new HashMap<>();

  private final Class<?> kernels;
  private final Map<String, Method> methods = new HashMap<>();
  final int bits;

  private WidthKernels(Class<?> kernels, int bits) {
    this.kernels = kernels;
    this.bits = bits;
    for (Method m : kernels.getMethods()) {
      methods.put(m.getName(), m);
    }
  }

  static synchronized WidthKernels at(int bits) {
    return CACHE.computeIfAbsent(bits, WidthKernels::load);
  }

  private static WidthKernels load(int bits) {
    String old = System.getProperty("ottertrend.simd.bits");
    System.setProperty("ottertrend.simd.bits", Integer.toString(bits));
    try {
      ClassLoader loader = new ChildFirst(WidthKernels.class.getClassLoader());
      Class<?> c = Class.forName(PKG + "VectorKernels", true, loader);
      WidthKernels k = new WidthKernels(c, bits);
      int actual = ((Number) k.call("bits")).intValue();
      if (actual != bits) {
        throw new IllegalStateException("asked for " + bits + " bits, got " + actual);
      }
      return k;
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    } finally {
      if (old == null) {
        System.clearProperty("ottertrend.simd.bits");
      } else {
        System.setProperty("ottertrend.simd.bits", old);
      }
    }
  }

  Object call(String name, Object... args) {
    try {
      return methods.get(name).invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public String toString() {
    return kernels.getSimpleName() + "@" + bits;
  }

  private static final class ChildFirst extends ClassLoader {
    ChildFirst(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PKG)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
              throw new ClassNotFoundException(name);
            }
            byte[] b = in.readAllBytes();
            c = defineClass(name, b, 0, b.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
