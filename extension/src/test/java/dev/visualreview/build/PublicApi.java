package dev.visualreview.build;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericDeclaration;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The public API of a module as sorted text lines, one per exported package, type, constructor,
 * method and field that a user can reach (public, or protected in a type they can extend), each
 * with its modifiers and generic signature. Constant values are included (they are compiled into
 * the user's code), annotations by type name only (their {@code toString} differs between JDKs).
 */
final class PublicApi {
  private static final int TYPE_MODIFIERS =
      Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL | Modifier.ABSTRACT;
  private static final int MEMBER_MODIFIERS =
      Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL | Modifier.ABSTRACT;

  private PublicApi() {}

  static List<String> of(ModuleReference module, ClassLoader loader) throws Exception {
    ModuleDescriptor descriptor = module.descriptor();
    Set<String> lines = new TreeSet<>();
    Set<String> exported = new TreeSet<>();
    for (ModuleDescriptor.Exports export : descriptor.exports()) {
      exported.add(export.source());
      lines.add(
          "module "
              + descriptor.name()
              + " exports "
              + export.source()
              + (export.isQualified() ? " to " + new TreeSet<>(export.targets()) : ""));
    }
    List<String> classNames;
    try (ModuleReader reader = module.open()) {
      classNames =
          reader
              .list()
              .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class"))
              .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
              .filter(name -> exported.contains(packageOf(name)))
              .filter(name -> !name.endsWith(".package-info"))
              .toList();
    }
    for (String name : classNames) {
      Class<?> type = Class.forName(name, false, loader);
      if (reachable(type)) {
        describe(type, lines);
      }
    }
    return new ArrayList<>(lines);
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  /** Public, or a public/protected member type of a reachable type. */
  private static boolean reachable(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    int modifiers = type.getModifiers();
    if (type.getEnclosingClass() == null) {
      return Modifier.isPublic(modifiers);
    }
    return (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers))
        && reachable(type.getEnclosingClass());
  }

  private static void describe(Class<?> type, Set<String> lines) {
    String owner = type.getTypeName();
    lines.add(owner + " | " + declaration(type));
    boolean extensible = !Modifier.isFinal(type.getModifiers()) && !type.isEnum();
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (visible(constructor.getModifiers(), extensible) && !constructor.isSynthetic()) {
        lines.add(owner + " | " + executable(constructor, "<init>", null));
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (visible(method.getModifiers(), extensible)
          && !method.isSynthetic()
          && !method.isBridge()) {
        lines.add(owner + " | " + executable(method, method.getName(), method));
      }
    }
    for (Field field : type.getDeclaredFields()) {
      if (visible(field.getModifiers(), extensible) && !field.isSynthetic()) {
        lines.add(owner + " | " + field(field));
      }
    }
  }

  private static boolean visible(int modifiers, boolean extensible) {
    return Modifier.isPublic(modifiers) || (extensible && Modifier.isProtected(modifiers));
  }

  private static String declaration(Class<?> type) {
    StringBuilder out = new StringBuilder();
    out.append(annotations(type));
    int modifiers = type.getModifiers() & TYPE_MODIFIERS;
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
      modifiers &= ~(Modifier.ABSTRACT | Modifier.STATIC);
    } else if (type.isInterface()) {
      kind = "interface";
      modifiers &= ~(Modifier.ABSTRACT | Modifier.STATIC);
    } else if (type.isEnum()) {
      kind = "enum";
      modifiers &= ~(Modifier.FINAL | Modifier.ABSTRACT | Modifier.STATIC);
    } else if (type.isRecord()) {
      kind = "record";
      modifiers &= ~(Modifier.FINAL | Modifier.STATIC);
    } else {
      kind = "class";
    }
    out.append(Modifier.toString(modifiers)).append(modifiers == 0 ? "" : " ").append(kind);
    out.append(typeParameters(type));
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && !type.isEnum() && !type.isRecord() && superclass != Object.class) {
      out.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0 && !type.isAnnotation()) {
      out.append(type.isInterface() ? " extends " : " implements ");
      out.append(
          Arrays.stream(interfaces)
              .map(Type::getTypeName)
              .sorted()
              .collect(Collectors.joining(", ")));
    }
    return out.toString();
  }

  private static String executable(Executable executable, String name, Method method) {
    StringBuilder out = new StringBuilder();
    out.append(annotations(executable));
    int modifiers = executable.getModifiers() & MEMBER_MODIFIERS;
    if (executable.getDeclaringClass().isInterface()) {
      modifiers &= ~Modifier.PUBLIC; // implied in an interface
    }
    out.append(Modifier.toString(modifiers)).append(modifiers == 0 ? "" : " ");
    if (method != null && method.isDefault()) {
      out.append("default ");
    }
    String typeParameters = typeParameters(executable);
    if (!typeParameters.isEmpty()) {
      out.append(typeParameters.substring(1)).append(' ');
    }
    if (method != null) {
      out.append(method.getGenericReturnType().getTypeName()).append(' ');
    }
    out.append(name).append('(');
    Type[] parameters = executable.getGenericParameterTypes();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < parameters.length; i++) {
      String parameter = parameters[i].getTypeName();
      if (executable.isVarArgs() && i == parameters.length - 1) {
        parameter = parameter.substring(0, parameter.length() - 2) + "...";
      }
      names.add(parameter);
    }
    out.append(String.join(", ", names)).append(')');
    Type[] exceptions = executable.getGenericExceptionTypes();
    if (exceptions.length > 0) {
      out.append(" throws ")
          .append(
              Arrays.stream(exceptions)
                  .map(Type::getTypeName)
                  .sorted()
                  .collect(Collectors.joining(", ")));
    }
    if (method != null && method.getDefaultValue() != null) {
      out.append(" default ").append(value(method.getDefaultValue()));
    }
    return out.toString();
  }

  private static String field(Field field) {
    int modifiers = field.getModifiers() & MEMBER_MODIFIERS;
    StringBuilder out = new StringBuilder();
    out.append(annotations(field));
    if (field.isEnumConstant()) {
      return out.append("enum constant ").append(field.getName()).toString();
    }
    out.append(Modifier.toString(modifiers))
        .append(' ')
        .append(field.getGenericType().getTypeName())
        .append(' ')
        .append(field.getName());
    boolean constant =
        Modifier.isStatic(field.getModifiers())
            && Modifier.isFinal(field.getModifiers())
            && (field.getType().isPrimitive() || field.getType() == String.class);
    if (constant) {
      try {
        out.append(" = ").append(value(field.get(null)));
      } catch (ReflectiveOperationException | RuntimeException e) {
        out.append(" = (unreadable: ").append(e.getClass().getSimpleName()).append(')');
      }
    }
    return out.toString();
  }

  private static String value(Object value) {
    if (value instanceof String text) {
      return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
    if (value instanceof Class<?> type) {
      return type.getTypeName() + ".class";
    }
    if (value != null && value.getClass().isArray()) {
      return Arrays.deepToString(new Object[] {value});
    }
    return String.valueOf(value);
  }

  private static String typeParameters(GenericDeclaration declaration) {
    TypeVariable<?>[] variables = declaration.getTypeParameters();
    if (variables.length == 0) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (TypeVariable<?> variable : variables) {
      List<String> bounds =
          Arrays.stream(variable.getBounds())
              .filter(bound -> bound != Object.class)
              .map(Type::getTypeName)
              .toList();
      out.add(
          variable.getName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
    }
    return " <" + String.join(", ", out) + ">";
  }

  private static String annotations(AnnotatedElement element) {
    return Arrays.stream(element.getDeclaredAnnotations())
        .map(annotation -> "@" + annotation.annotationType().getTypeName() + " ")
        .sorted()
        .collect(Collectors.joining());
  }
}
